package app.dukkan.storefront.pwa;

import app.dukkan.platform.AppVersion;
import app.dukkan.storefront.web.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scripts served as {@code /sw.js}: the shop's service worker with its settings written in, or,
 * while the installable shop is switched off, a worker that removes it.
 *
 * <p>The worker's caches are named by the build's version and a hash of the shop's assets and of
 * the worker itself, so any change to what the offline pages need starts a new cache, and the new
 * worker deletes the old ones when it takes over.
 */
@Component
class ServiceWorker {

    private static final Pattern SETUP = Pattern.compile("(?m)^const SETUP = .*;$");

    private final String script;
    private final String retired;
    private final String version;

    ServiceWorker(AppVersion appVersion, JsonMapper json) {
        String source = read(new ClassPathResource("pwa/service-worker.js"));
        this.version = appVersion.value() + "-" + hashOfAssetsAnd(source);
        Map<String, String> offlinePages = new LinkedHashMap<>();
        for (Language language : Language.values()) {
            offlinePages.put(language.prefix(), language.prefix() + "/offline");
        }
        String setup = json.writeValueAsString(Map.of("version", version, "offlinePages", offlinePages));
        Matcher line = SETUP.matcher(source);
        if (!line.find()) {
            throw new IllegalStateException("pwa/service-worker.js has no line 'const SETUP = …;'");
        }
        this.script = line.replaceFirst(Matcher.quoteReplacement("const SETUP = " + setup + ";"));
        this.retired = read(new ClassPathResource("pwa/retired-worker.js"));
    }

    /** The version the worker's cache names carry. */
    String version() {
        return version;
    }

    String script() {
        return script;
    }

    String retired() {
        return retired;
    }

    /** A short SHA-256 of every file under {@code static/assets/} and the worker's source. */
    private static String hashOfAssetsAnd(String source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Resource[] assets = new PathMatchingResourcePatternResolver().getResources("classpath*:/static/assets/**");
            Arrays.sort(assets, Comparator.comparing(ServiceWorker::location));
            for (Resource asset : assets) {
                if (asset.isReadable()) {
                    digest.update(location(asset).getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = asset.getInputStream()) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
            digest.update(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where an asset is, below {@code static/assets/}: the same in a jar and in a directory. */
    private static String location(Resource resource) {
        try {
            String url = resource.getURL().toString();
            return url.substring(url.lastIndexOf("static/assets/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package app.dukkan.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.storefront.web.Assets;
import app.dukkan.testing.DukkanTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The page weight budget: the scripts and stylesheets a listing page loads weigh at most 60 KB
 * together as they travel (gzip), and each is named by its content hash, cached for good and
 * compressed when the browser accepts it.
 */
@DukkanTest
class PageWeightTests {

    /** 60 KB of JavaScript and CSS, compressed, on a listing page. */
    static final int BUDGET_BYTES = 60_000;

    /** The listing page the budget is measured on. */
    static final String PAGE = "/products";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Assets assets;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    record Asset(String url, HttpResponse<byte[]> compressed, byte[] plain) {}

    @Test
    void scriptsAndStylesheetsOfAListingPageWeighAtMost60KbCompressed() {
        List<Asset> assets = assetsOf(PAGE);
        long total = assets.stream()
                .mapToLong(asset -> asset.compressed().body().length)
                .sum();
        System.out.printf("Page weight of %s: %,d bytes of JS and CSS compressed%s%n", PAGE, total, describe(assets));
        assertThat(total)
                .as("compressed JS and CSS of %s: %s", PAGE, describe(assets))
                .isLessThanOrEqualTo(BUDGET_BYTES);
    }

    @Test
    void pagesLoadStylesheetsAndScriptsOnlyFromTheShopsFingerprintedAssets() {
        List<Asset> assets = assetsOf(PAGE);
        assertThat(assets).extracting(Asset::url).anyMatch(url -> url.endsWith(".css"));
        assertThat(assets).extracting(Asset::url).anyMatch(url -> url.endsWith(".js"));
        // the content hash (32 hex digits) goes into the name, so a changed file gets a new URL
        assertThat(assets)
                .extracting(Asset::url)
                .allMatch(url -> url.matches("/assets/.+-[0-9a-f]{32}\\.(css|js)"), "fingerprinted /assets/ URL");
    }

    @Test
    void assetsAreCachedForAYearAsImmutable() {
        for (Asset asset : assetsOf(PAGE)) {
            String cacheControl =
                    asset.compressed().headers().firstValue("Cache-Control").orElse("");
            assertThat(cacheControl)
                    .as("Cache-Control of %s", asset.url())
                    .contains("immutable")
                    .contains("max-age=31536000")
                    .contains("public");
        }
    }

    @Test
    void assetsAreGzippedWhenTheBrowserAcceptsItAndUnpackToTheFile() {
        for (Asset asset : assetsOf(PAGE)) {
            assertThat(asset.compressed().headers().firstValue("Content-Encoding"))
                    .as("Content-Encoding of %s", asset.url())
                    .hasValue("gzip");
            assertThat(asset.compressed().headers().allValues("Vary"))
                    .as("Vary of %s", asset.url())
                    .anyMatch(vary -> vary.toLowerCase(java.util.Locale.ROOT).contains("accept-encoding"));
            assertThat(gunzip(asset.compressed().body()))
                    .as("%s unpacked", asset.url())
                    .isEqualTo(asset.plain());
            assertThat(asset.compressed().body().length).isLessThan(asset.plain().length);
        }
    }

    @Test
    void linksInPagesAreNotLookedUpAsStaticFiles() {
        // Boot's ResourceUrlEncodingFilter would resolve every @{...} link against the static mappings
        assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
                .noneMatch(registration ->
                        registration.isEnabled() && registration.getFilter() instanceof ResourceUrlEncodingFilter);
        assertThat(context.getBeansOfType(ResourceUrlEncodingFilter.class)).isEmpty();
        // assets are named through the Assets bean instead
        assertThat(assets.path("/assets/css/dukkan.css")).matches("/assets/css/dukkan-[0-9a-f]{32}\\.css");
    }

    /** The stylesheets and scripts the page links, each fetched compressed and plain. */
    private List<Asset> assetsOf(String path) {
        HttpResponse<byte[]> page = get(path, false);
        assertThat(page.statusCode()).as("status of %s", path).isEqualTo(200);
        Document html = Jsoup.parse(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8));
        List<String> urls = new ArrayList<>();
        html.select("link[rel~=(?i)^(stylesheet|preload|modulepreload)$][href]")
                .forEach(link -> urls.add(link.attr("href")));
        html.select("script[src]").forEach(script -> urls.add(script.attr("src")));
        assertThat(urls).as("assets of %s", path).isNotEmpty().doesNotHaveDuplicates();
        List<Asset> assets = new ArrayList<>();
        for (String url : urls) {
            assertThat(url).as("assets come from the shop itself").startsWith("/");
            HttpResponse<byte[]> compressed = get(url, true);
            HttpResponse<byte[]> plain = get(url, false);
            assertThat(compressed.statusCode()).as("status of %s", url).isEqualTo(200);
            assertThat(plain.statusCode()).as("status of %s", url).isEqualTo(200);
            assertThat(plain.headers().firstValue("Content-Encoding"))
                    .as("%s unasked", url)
                    .isEmpty();
            assets.add(new Asset(url, compressed, plain.body()));
        }
        return assets;
    }

    private HttpResponse<byte[]> get(String path, boolean gzip) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", path.startsWith("/assets/") ? "*/*" : "text/html");
        if (gzip) {
            request.header("Accept-Encoding", "gzip, deflate, br");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(List<Asset> assets) {
        StringBuilder text = new StringBuilder();
        assets.forEach(asset -> text.append(String.format(
                "%n  %s: %,d bytes compressed, %,d plain",
                asset.url(), asset.compressed().body().length, asset.plain().length)));
        return text.toString();
    }
}

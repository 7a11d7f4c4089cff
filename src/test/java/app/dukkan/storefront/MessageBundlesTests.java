package app.dukkan.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text the pages show exists in English, German and Arabic. */
class MessageBundlesTests {

    private static final Path BUNDLES = Paths.get("src/main/resources/i18n");
    private static final Path TEMPLATES = Paths.get("src/main/resources/templates");
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([a-z0-9][a-z0-9.-]*[a-z0-9])[}(]");

    @Test
    void everyBundleHasTheSameKeysInEveryLanguage() throws IOException {
        for (String bundle : bundles()) {
            Set<String> english = keys(bundle + ".properties");
            assertThat(english).as(bundle).isNotEmpty();
            for (String language : new String[] {"de", "ar"}) {
                Set<String> translated = keys(bundle + "_" + language + ".properties");
                assertThat(difference(english, translated))
                        .as("keys of %s missing in %s", bundle, language)
                        .isEmpty();
                assertThat(difference(translated, english))
                        .as("keys of %s in %s but not in English", bundle, language)
                        .isEmpty();
            }
        }
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> known = new TreeSet<>();
        for (String bundle : bundles()) {
            known.addAll(keys(bundle + ".properties"));
        }
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(TEMPLATES)) {
            for (Path template :
                    templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                if (template.startsWith(TEMPLATES.resolve("receipts"))) {
                    continue; // receipts and mails have their own message sources
                }
                Matcher keys = LITERAL_KEY.matcher(Files.readString(template));
                while (keys.find()) {
                    if (!known.contains(keys.group(1))) {
                        missing.add(TEMPLATES.relativize(template) + ": " + keys.group(1));
                    }
                }
            }
        }
        assertThat(missing)
                .as("message keys used by templates but in no bundle")
                .isEmpty();
    }

    /** The page bundles (basenames without language), those of mails excepted. */
    private static Set<String> bundles() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".properties") && !name.contains("_"))
                    .map(name -> name.substring(0, name.length() - ".properties".length()))
                    .filter(name -> !name.equals("mail"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> keys(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(BUNDLES.resolve(file));
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties.stringPropertyNames();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}

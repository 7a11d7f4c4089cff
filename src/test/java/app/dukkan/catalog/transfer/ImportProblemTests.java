package app.dukkan.catalog.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.catalog.CatalogTransfer.RowProblem;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every problem an import reports has one code, an English text and a text in each page language. */
class ImportProblemTests {

    private static final Path BUNDLES = Path.of("src/main/resources/i18n");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d)}");

    @Test
    void codesAreUniqueAndTheEnglishTextFillsItsArguments() {
        Set<String> codes = new HashSet<>();
        for (ImportProblem problem : ImportProblem.values()) {
            assertThat(codes.add(problem.code()))
                    .as("code of %s used once", problem)
                    .isTrue();
            assertThat(problem.code()).matches("[a-z0-9]+([.-][a-z0-9]+)*");
        }
        RowProblem negative = ImportProblem.PRICE_NEGATIVE.at(3, "price");
        assertThat(negative).isEqualTo(new RowProblem(3, "price", "must not be negative", "price.negative", List.of()));
        RowProblem decimals = ImportProblem.PRICE_DECIMALS.at(4, "price", 2, "EUR");
        assertThat(decimals.message()).isEqualTo("must have at most 2 decimals in EUR");
        assertThat(decimals.args()).containsExactly("2", "EUR");
        // numbers as they are, without grouping; quotes and braces as written
        assertThat(ImportProblem.TOO_LONG.at(2, "description", 20000).message())
                .isEqualTo("must be at most 20000 characters");
        assertThat(ImportProblem.DIFFERS.at(5, "name", 2, "lamp").message())
                .isEqualTo("differs from row 2, the first row of product 'lamp'");
        assertThat(ImportProblem.SKU_INVALID.at(2, "sku").message())
                .isEqualTo("use 1 to 64 letters, digits, '.', '_' or '-'");
        assertThat(ImportProblem.ATTRIBUTES_NOT_AN_OBJECT.at(2, "attributes").message())
                .isEqualTo("must be a JSON object such as {\"colour\": \"red\"}");
        assertThat(ImportProblem.COLUMNS_MISSING.of("header", "price, stock").message())
                .isEqualTo("missing columns: price, stock");
    }

    @Test
    void everyCodeHasATextInEveryLanguageWithTheSameArguments() throws IOException {
        for (String language : new String[] {"", "_de", "_ar"}) {
            Properties bundle = bundle("console-catalog" + language + ".properties");
            for (ImportProblem problem : ImportProblem.values()) {
                String key = "console.catalog.import.problem." + problem.code();
                String text = bundle.getProperty(key);
                assertThat(text).as("%s in console-catalog%s", key, language).isNotBlank();
                Set<String> expected = arguments(problem.message(List.of()));
                assertThat(arguments(text))
                        .as("arguments of %s%s", key, language)
                        .isEqualTo(expected);
                if (!expected.isEmpty()) {
                    // a pattern: what it says with its arguments filled in keeps them
                    Object[] args = expected.stream().map(a -> "«" + a + "»").toArray();
                    String filled = new MessageFormat(text, Locale.ROOT).format(args);
                    for (Object arg : args) {
                        assertThat(filled).as("%s%s filled", key, language).contains((String) arg);
                    }
                    assertThat(filled)
                            .as("%s%s: apostrophes doubled", key, language)
                            .doesNotContain("{");
                }
            }
        }
    }

    private static Set<String> arguments(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(BUNDLES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}

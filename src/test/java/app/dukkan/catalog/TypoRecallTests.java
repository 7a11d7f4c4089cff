package app.dukkan.catalog;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.catalog.search.SearchVocabulary;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Typo recall on a generated set: every word of 5 letters or more in English and German product
 * names, misspelt by a deletion, an insertion, a substitution and a swap of neighbours at random
 * places (and, for words of 9+ letters, by two of them), must find every product the correct
 * spelling finds.
 */
@DukkanTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypoRecallTests {

    static final List<String> ENGLISH = List.of(
            "Wireless Headphones Aluminium",
            "Mechanical Keyboard Walnut",
            "Professional Coffee Grinder",
            "Scandinavian Throw Blanket",
            "Handmade Ceramic Teapot",
            "Rugged Smartwatch Silicone",
            "Industrial Bookshelf",
            "Calligraphy Fountain Pen",
            "Hardcover Sketchbook Linen",
            "Portable Soundbar Graphite",
            "Ergonomic Laptop Stand",
            "Waterproof Hiking Backpack");

    static final List<String> GERMAN = List.of(
            "Kaffeemühle aus Edelstahl",
            "Schreibtischlampe Messing",
            "Wanderrucksack wasserdicht",
            "Gartenschere Profi",
            "Bettwäsche aus Baumwolle",
            "Küchenmaschine Silber",
            "Regenschirm sturmfest",
            "Wasserkocher Glas",
            "Staubsauger kabellos",
            "Handtuchhalter Bambus",
            "Fahrradhelm Größe",
            "Springseil Leder");

    enum Typo {
        DELETION,
        INSERTION,
        SUBSTITUTION,
        TRANSPOSITION
    }

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzäöüß";

    @LocalServerPort
    int port;

    @Autowired
    SearchVocabulary vocabulary;

    @Autowired
    JdbcClient jdbc;

    ApiClient shopper;
    String category;

    @BeforeAll
    void createCatalog() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        shopper = fixtures.anonymous();
        category = fixtures.category("Typo recall", null);
        ApiClient seller = fixtures.seller();
        for (String name : concat(ENGLISH, GERMAN)) {
            fixtures.createProduct(seller, product(name, category, List.of(variant("20.00", 5))));
        }
    }

    @Test
    void everyMisspellingWithinTheAllowedTyposFindsWhatTheCorrectSpellingFinds() {
        Random random = new Random(15);
        Map<String, int[]> recall = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (String language : List.of("en", "de")) {
            for (String word : words(language.equals("en") ? ENGLISH : GERMAN)) {
                Set<String> correct = found(word);
                assertThat(correct)
                        .as("the correct spelling '%s' finds its product", word)
                        .isNotEmpty();
                String group = language + " " + (word.length() >= 9 ? "9+" : "5-8") + " letters";
                for (String typo : misspellings(word, random)) {
                    int[] counts = recall.computeIfAbsent(group, g -> new int[2]);
                    counts[1]++;
                    if (found(typo).containsAll(correct)) {
                        counts[0]++;
                    } else {
                        misses.add(typo + " (for " + word + ")");
                    }
                }
            }
        }
        recall.forEach((group, counts) ->
                System.out.printf("typo recall %s: %d of %d misspellings%n", group, counts[0], counts[1]));
        assertThat(recall).containsOnlyKeys("de 5-8 letters", "de 9+ letters", "en 5-8 letters", "en 9+ letters");
        assertThat(misses).as("misspellings that lost products").isEmpty();
    }

    @Test
    void aWrittenProductIsFoundMisspeltAtOnceAndItsWordsArePrunedWhenItGoes() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        ApiClient seller = fixtures.seller();
        String id = fixtures.createProduct(seller, product("Quillotrix Lantern", category, List.of(variant("9.00", 1))))
                .get("id")
                .asString();
        assertThat(found("quilotrix")).hasSize(1);

        seller.patch("/api/v1/admin/products/" + id, Map.of("name", "Vormitranox Lantern", "description", "A lantern."))
                .expectStatus(200);
        assertThat(found("vormitranx")).hasSize(1);
        assertThat(found("quillotrix")).isEmpty();

        seller.post("/api/v1/admin/products/" + id + "/archive", null).expectStatus(200);
        vocabulary.prune();
        assertThat(jdbc.sql("select word from search_words where word in ('quillotrix', 'vormitranox')")
                        .query(String.class)
                        .list())
                .isEmpty();
    }

    @Test
    void theShopsSearchPageForgivesTheSameTypos() {
        PageClient browser = new PageClient(port);
        var page = browser.get("/products?q=" + encode("kafeemühle edelsthal"));
        if (page.status() == 303) {
            page = browser.follow(page);
        }
        page.expectStatus(200);

        assertThat(page.html().select(".product-card").text()).contains("Kaffeemühle aus Edelstahl");
    }

    @Test
    void typosBeyondTheAllowanceAndShortWordsAreNotStretched() {
        // three typos in a 9+ letter word, two in a 5-8 letter word, one in a 4-letter word
        assertThat(found("skatchbuuk")).isEmpty();
        assertThat(found("lnein")).isEmpty();
        assertThat(found("glsa")).isEmpty();
        assertThat(found("gals")).isEmpty();
    }

    @Test
    void hostileSearchesAnswerQuicklyWithAnEmptyResult() {
        for (String search : List.of(
                "q".repeat(1000),
                "wasserkocher ".repeat(76) + "zzzz",
                "!!! ??? ... --- ***",
                "%_%\\'\"; drop table products; --",
                "手机壳 耳机",
                "\u200b\u200b")) {
            long started = System.nanoTime();
            JsonNode body = shopper.get("/api/v1/products?category=" + category + "&search=" + encode(search))
                    .expectStatus(200)
                    .json();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (!search.startsWith("wasserkocher")) {
                assertThat(body.get("total").asLong()).as(search).isZero();
            }
            assertThat(millis).as("answered quickly: %s", search).isLessThan(2_000);
        }
        shopper.get("/api/v1/products?search=" + "q".repeat(1001)).expectStatus(400);
    }

    private Set<String> found(String search) {
        JsonNode body = shopper.get("/api/v1/products?size=100&category=" + category + "&search=" + encode(search))
                .expectStatus(200)
                .json();
        Set<String> slugs = new LinkedHashSet<>();
        body.get("items").forEach(item -> slugs.add(item.get("slug").asString()));
        return slugs;
    }

    private static Set<String> words(List<String> names) {
        return names.stream()
                .flatMap(name -> List.of(name.toLowerCase(Locale.ROOT).split("\\s+")).stream())
                .filter(word -> word.length() >= 5)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Three of each kind of typo at random places; for 9+ letters also three pairs of typos of each kind. */
    private static Set<String> misspellings(String word, Random random) {
        Set<String> typos = new LinkedHashSet<>();
        for (Typo kind : Typo.values()) {
            for (int i = 0; i < 3; i++) {
                typos.add(apply(kind, word, random));
                if (word.length() >= 9) {
                    Typo second = Typo.values()[random.nextInt(Typo.values().length)];
                    typos.add(apply(second, apply(kind, word, random), random));
                }
            }
        }
        typos.remove(word);
        return typos;
    }

    private static String apply(Typo kind, String word, Random random) {
        StringBuilder text = new StringBuilder(word);
        int at = random.nextInt(word.length());
        switch (kind) {
            case DELETION -> text.deleteCharAt(at);
            case INSERTION -> text.insert(random.nextInt(word.length() + 1), letterOtherThan(' ', random));
            case SUBSTITUTION -> text.setCharAt(at, letterOtherThan(word.charAt(at), random));
            case TRANSPOSITION -> {
                int i = Math.min(at, word.length() - 2);
                char first = text.charAt(i);
                text.setCharAt(i, text.charAt(i + 1));
                text.setCharAt(i + 1, first);
            }
        }
        return text.toString();
    }

    private static char letterOtherThan(char letter, Random random) {
        char other;
        do {
            other = LETTERS.charAt(random.nextInt(LETTERS.length()));
        } while (other == letter);
        return other;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

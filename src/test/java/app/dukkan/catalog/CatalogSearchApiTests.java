package app.dukkan.catalog;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.unique;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Listing and search over a small catalog of its own: a "garden" tree with two sub-categories, and
 * product names carrying a made-up brand so searches only find this class's products.
 */
@DukkanTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogSearchApiTests {

    @LocalServerPort
    int port;

    CatalogFixtures fixtures;
    ApiClient shopper;
    String brand;
    String garden;
    String tools;
    String seeds;

    @BeforeAll
    void createCatalog() {
        fixtures = new CatalogFixtures(port);
        shopper = fixtures.anonymous();
        brand = "Quorvex" + unique("").substring(0, 4);
        garden = fixtures.category("Garden", null);
        tools = fixtures.category("Tools", garden);
        seeds = fixtures.category("Seeds", garden);
        ApiClient seller = fixtures.seller();
        // name, category, price, stock
        create(seller, brand + " Steel Garden Spade", tools, "24.00", 10);
        create(seller, brand + " Pruning Shears", tools, "18.50", 0);
        create(seller, brand + " Heavy Wheelbarrow", tools, "129.00", 2);
        create(seller, brand + " Tomato Seeds", seeds, "3.20", 100);
        create(seller, brand + " Basil Seeds", seeds, "3.20", 50);
        create(seller, brand + " Sunflower Seeds", seeds, "3.20", 0);
        create(seller, brand + " Garden Kneeler", garden, "55.00", 4);
        Map<String, Object> draft = product(brand + " Secret Draft Hoe", tools, List.of(variant("9.00", 1)));
        draft.put("status", "draft");
        fixtures.createProduct(seller, draft);
    }

    private void create(ApiClient seller, String name, String category, String price, int stock) {
        fixtures.createProduct(seller, product(name, category, List.of(variant(price, stock))));
    }

    private JsonNode list(String query) {
        return shopper.get("/api/v1/products?" + query).expectStatus(200).json();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private List<String> strip(List<String> names) {
        return names.stream().map(n -> n.substring(brand.length() + 1)).toList();
    }

    @Test
    void categoryIncludesSubCategoriesAndHidesDrafts() {
        assertThat(list("category=" + garden).get("total").asLong()).isEqualTo(7);
        assertThat(strip(names(list("category=" + seeds + "&sort=newest"))))
                .containsExactlyInAnyOrder("Tomato Seeds", "Basil Seeds", "Sunflower Seeds");
        assertThat(names(list("category=" + tools))).noneMatch(n -> n.contains("Draft"));
    }

    @Test
    void filtersByPriceAndStock() {
        assertThat(strip(names(list("category=" + garden + "&min_price=20&max_price=60&sort=price_asc"))))
                .containsExactly("Steel Garden Spade", "Garden Kneeler");
        assertThat(list("category=" + garden + "&in_stock=false").get("total").asLong())
                .isEqualTo(2);
        assertThat(list("category=" + garden + "&in_stock=true").get("total").asLong())
                .isEqualTo(5);
        assertThat(list("category=" + garden + "&max_price=3.20").get("total").asLong())
                .isEqualTo(3);
    }

    @Test
    void sortsByPriceBothWaysAndByNewest() {
        List<String> ascending = strip(names(list("category=" + garden + "&sort=price_asc&size=100")));
        assertThat(ascending.subList(3, 7))
                .containsExactly("Pruning Shears", "Steel Garden Spade", "Garden Kneeler", "Heavy Wheelbarrow");
        List<String> descending = strip(names(list("category=" + garden + "&sort=price_desc&size=100")));
        assertThat(descending.subList(0, 4))
                .containsExactly("Heavy Wheelbarrow", "Garden Kneeler", "Steel Garden Spade", "Pruning Shears");
        assertThat(strip(names(list("category=" + garden + "&sort=newest&size=1"))))
                .containsExactly("Garden Kneeler");
    }

    @Test
    void searchesWordsAndPrefixesRankingNameMatchesFirst() {
        JsonNode page = list("search=" + brand + "%20seeds");
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("sort").asString()).isEqualTo("relevance");
        assertThat(list("search=" + brand + "%20wheelb").get("total").asLong()).isEqualTo(1);
        assertThat(strip(names(list("search=" + brand + "%20garden"))))
                .first()
                .isIn("Steel Garden Spade", "Garden Kneeler");
    }

    @Test
    void toleratesTyposInOneAndTwoWordSearches() {
        String typo = brand.substring(0, brand.length() - 2) + brand.charAt(brand.length() - 1);
        assertThat(strip(names(list("search=" + typo + "%20wheelbarow")))).containsExactly("Heavy Wheelbarrow");
        assertThat(strip(names(list("search=" + brand + "%20sunflowr")))).containsExactly("Sunflower Seeds");
        assertThat(list("search=" + brand + "%20xylophone").get("total").asLong())
                .isZero();
    }

    @Test
    void countsFacetsForCategoriesAndPriceBands() {
        JsonNode facets = list("category=" + seeds).get("facets");
        Map<String, Long> categories = new java.util.HashMap<>();
        facets.get("categories")
                .forEach(c ->
                        categories.put(c.get("slug").asString(), c.get("count").asLong()));
        // The category facet ignores the category filter, so siblings stay visible.
        assertThat(categories)
                .containsEntry(garden, 7L)
                .containsEntry(tools, 3L)
                .containsEntry(seeds, 3L);
        facets.get("categories").forEach(c -> {
            if (c.get("slug").asString().equals(tools)) {
                assertThat(c.get("parent").asString()).isEqualTo(garden);
            }
        });
        JsonNode firstBand = facets.get("price_bands").get(0);
        assertThat(firstBand.get("min").get("amount").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(firstBand.get("max").get("amount").decimalValue()).isEqualByComparingTo("25");
        assertThat(firstBand.get("count").asLong()).isEqualTo(3);

        JsonNode searched = list("search=" + brand + "&min_price=20").get("facets");
        long bandTotal = 0;
        for (JsonNode band : searched.get("price_bands")) {
            bandTotal += band.get("count").asLong();
        }
        assertThat(bandTotal).as("price bands ignore the price filter").isEqualTo(7);
    }

    @Test
    void pagesAreStableAndCompleteEvenWithEqualPrices() {
        Set<String> seen = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            JsonNode result = list("category=" + garden + "&sort=price_asc&size=2&page=" + page);
            assertThat(result.get("total_pages").asInt()).isEqualTo(4);
            result.get("items").forEach(item -> {
                assertThat(seen.add(item.get("slug").asString()))
                        .as("no product twice")
                        .isTrue();
                ordered.add(item.get("slug").asString());
            });
        }
        assertThat(seen).hasSize(7);
        List<String> again = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            list("category=" + garden + "&sort=price_asc&size=2&page=" + page)
                    .get("items")
                    .forEach(item -> again.add(item.get("slug").asString()));
        }
        assertThat(again).isEqualTo(ordered);
        assertThat(list("category=" + garden + "&page=50").get("items")).isEmpty();
    }

    @Test
    void showsProductDetailWithVariantsAndMedia() {
        String slug = list("search=" + brand + "%20spade")
                .get("items")
                .get(0)
                .get("slug")
                .asString();
        JsonNode detail =
                shopper.get("/api/v1/products/" + slug).expectStatus(200).json();
        assertThat(detail.get("variants").get(0).get("price").get("amount").decimalValue())
                .isEqualByComparingTo("24.00");
        assertThat(detail.get("media").get(0).get("url").asString()).startsWith("https://");
        assertThat(detail.get("breadcrumbs").get(0).get("slug").asString()).isEqualTo(garden);
        assertThat(detail.get("breadcrumbs").get(1).get("slug").asString()).isEqualTo(tools);
        shopper.get("/api/v1/products/no-such-product").expectStatus(404);
    }

    @Test
    void anonymousReadsCreateNoSessionAndNoCsrfCookie() {
        var listing =
                fixtures.anonymous().get("/api/v1/products?category=" + garden).expectStatus(200);
        assertThat(listing.headers("Set-Cookie")).isEmpty();
        String slug = listing.json().get("items").get(0).get("slug").asString();
        assertThat(fixtures.anonymous().get("/api/v1/products/" + slug).headers("Set-Cookie"))
                .isEmpty();
    }

    @Test
    void refusesBadQueryParametersNamingThem() {
        assertBadParameter("size=100000", "size");
        assertBadParameter("size=0", "size");
        assertBadParameter("page=-1", "page");
        assertBadParameter("page=abc", "page");
        assertBadParameter("min_price=-5", "min_price");
        assertBadParameter("min_price=1e400", "min_price");
        assertBadParameter("min_price=10&max_price=5", "max_price");
        assertBadParameter("max_price=9999999999", "max_price");
        assertBadParameter("in_stock=maybe", "in_stock");
        assertBadParameter("sort=cheapest", "sort");
        assertBadParameter("category=no-such-category", "category");
        assertBadParameter("search=" + "a".repeat(1001), "search");
        assertThat(list("category=" + garden).get("total").asLong())
                .as("nothing changed")
                .isEqualTo(7);
    }

    private void assertBadParameter(String query, String field) {
        JsonNode problem =
                shopper.get("/api/v1/products?" + query).expectStatus(400).json();
        assertThat(problem.get("type").asString()).endsWith("/validation");
        assertThat(problem.path("errors").path(0).path("field").asString())
                .as(query)
                .isEqualTo(field);
    }
}

package app.dukkan.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@DukkanTest
class RecommendationsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    FeatureFlags flags;

    Shop shop;
    CatalogFixtures catalog;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        catalog = shop.catalog();
        admin = catalog.admin();
    }

    @AfterEach
    void flagBackOn() {
        flags.set(Feature.RECOMMENDATIONS.key(), true, null);
    }

    /** A product of the category with one variant; {@code stock} 0 for one sold out. */
    private Shop.Variant product(String category, String name, int stock) {
        JsonNode product = catalog.createProduct(
                admin,
                CatalogFixtures.product(
                        CatalogFixtures.unique(name + " "),
                        category,
                        List.of(CatalogFixtures.variant("10.00", stock))));
        JsonNode variant = product.get("variants").get(0);
        return new Shop.Variant(
                variant.get("id").asString(),
                variant.get("sku").asString(),
                product.get("id").asString(),
                product.get("slug").asString());
    }

    /** One paid order of one unit of each product, by a new customer. */
    private String buy(Shop.Variant... variants) {
        ApiClient customer = shop.customer();
        for (Shop.Variant variant : variants) {
            shop.addToCart(customer, variant, 1);
        }
        String draftId = shop.draft(customer, null, null).get("id").asString();
        shop.confirm(customer, shop.clientSecret(customer, draftId), Shop.SUCCESS_CARD);
        return shop.awaitDraft(customer, draftId, "paid").get("number").asString();
    }

    private List<String> recommended(String slug) {
        return slugs(catalog.anonymous()
                .get("/api/v1/recommendations?limit=24&product=" + slug)
                .expectStatus(200)
                .json());
    }

    private static List<String> slugs(JsonNode answer) {
        List<String> slugs = new ArrayList<>();
        answer.get("items").forEach(item -> slugs.add(item.get("slug").asString()));
        return slugs;
    }

    @Test
    void boughtTogetherComesFirstByOrdersThenTheCategoryInStockFirstThenPopular() {
        String kitchen = catalog.category(CatalogFixtures.unique("Kitchen "), null);
        String garden = catalog.category(CatalogFixtures.unique("Garden "), null);
        Shop.Variant kettle = product(kitchen, "Kettle", 50);
        Shop.Variant teapot = product(kitchen, "Teapot", 50);
        Shop.Variant cups = product(kitchen, "Cups", 50);
        Shop.Variant sieve = product(kitchen, "Sieve", 50);
        Shop.Variant soldOut = product(kitchen, "Tray", 0);
        Shop.Variant hose = product(garden, "Hose", 50);
        buy(kettle, teapot, cups);
        buy(kettle, teapot);
        buy(kettle, teapot);
        String withHose = buy(kettle, teapot, hose);
        buy(kettle, cups);
        buy(kettle, cups);

        // teapot in 4 orders with the kettle, cups in 3; the hose in one, which stays private
        List<String> expected = List.of(teapot.productSlug(), cups.productSlug());
        List<String> forKettle = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> recommended(kettle.productSlug()),
                        found -> found.size() >= 4 && found.subList(0, 2).equals(expected));

        // then the kitchen: in stock before sold out; then the most sold of the last 30 days
        assertThat(forKettle.subList(2, 4)).containsExactly(sieve.productSlug(), soldOut.productSlug());
        assertThat(forKettle).doesNotContain(kettle.productSlug()).doesNotHaveDuplicates();
        JsonNode first = catalog.anonymous()
                .get("/api/v1/recommendations?limit=4&product=" + kettle.productSlug())
                .expectStatus(200)
                .json()
                .get("items");
        assertThat(first).hasSize(4);
        assertThat(first.get(0).get("reason").asString()).isEqualTo("bought_together");
        assertThat(first.get(0).get("name").asString()).startsWith("Teapot");
        assertThat(first.get(0).get("price").get("min").get("amount").decimalValue())
                .isEqualByComparingTo("10");
        assertThat(first.get(0).get("in_stock").asBoolean()).isTrue();
        assertThat(first.get(0).get("image").get("url").asString()).startsWith("https://img.example.com/");
        assertThat(first.get(3).get("reason").asString()).isEqualTo("same_category");

        // the popular fill: the products of these orders sold most
        List<String> forSieve = recommended(sieve.productSlug());
        assertThat(forSieve).doesNotContain(sieve.productSlug());

        // archived products are never recommended; a fully refunded order no longer counts
        admin.post("/api/v1/admin/products/" + cups.productId() + "/archive", null)
                .expectStatus(200);
        admin.post("/api/v1/admin/orders/" + withHose + "/refunds", Map.of("reason", "all of it"))
                .expectStatus(200);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> recommended(kettle.productSlug()),
                        found -> !found.contains(cups.productSlug())
                                && !found.subList(0, 2).contains(hose.productSlug()));
        assertThat(recommended(kettle.productSlug()).get(0)).isEqualTo(teapot.productSlug());
    }

    /**
     * The popular fill shows products in stock first: a best seller that sold out moves behind the
     * others (the ranking is refreshed once a minute; stock is read at once).
     */
    @Test
    void aPopularProductThatSoldOutComesAfterThoseInStock() {
        String category = catalog.category(CatalogFixtures.unique("Popular "), null);
        Shop.Variant best = product(category, "Bestseller", 60);
        Shop.Variant next = product(category, "Runner-up", 60);
        for (int i = 0; i < 3; i++) {
            buyUnits(best, 10);
            buyUnits(next, 8);
        }
        List<String> before = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        this::popularForAnyone,
                        found -> found.contains(best.productSlug()) && found.contains(next.productSlug()));
        assertThat(before.indexOf(best.productSlug())).isLessThan(before.indexOf(next.productSlug()));

        admin.patch("/api/v1/admin/products/" + best.productId() + "/variants/" + best.id(), Map.of("stock", 0))
                .expectStatus(200);
        List<String> after = popularForAnyone();
        assertThat(after).contains(next.productSlug());
        // behind the runner-up, or gone when enough others in stock fill the list
        if (after.contains(best.productSlug())) {
            assertThat(after.indexOf(best.productSlug())).isGreaterThan(after.indexOf(next.productSlug()));
        }
    }

    /** One paid order of that many units of the product, by a new customer. */
    private void buyUnits(Shop.Variant variant, int units) {
        shop.buy(shop.customer(), variant, units, null);
    }

    /** The home page's recommendations for a shopper who is not signed in: popular only. */
    private List<String> popularForAnyone() {
        return slugs(catalog.anonymous()
                .get("/api/v1/recommendations?limit=24")
                .expectStatus(200)
                .json());
    }

    @Test
    void draftArchivedAndUnknownProductsAreNotFoundAndBadLimitsRefused() {
        String category = catalog.category(CatalogFixtures.unique("Misc "), null);
        Map<String, Object> draft = new LinkedHashMap<>(CatalogFixtures.product(
                CatalogFixtures.unique("Draft "), category, List.of(CatalogFixtures.variant("5.00", 5))));
        draft.put("status", "draft");
        String draftSlug = catalog.createProduct(admin, draft).get("slug").asString();
        Shop.Variant archived = product(category, "Old", 5);
        admin.post("/api/v1/admin/products/" + archived.productId() + "/archive", null)
                .expectStatus(200);
        ApiClient anyone = catalog.anonymous();

        anyone.get("/api/v1/recommendations?product=" + draftSlug).expectStatus(404);
        anyone.get("/api/v1/recommendations?product=" + archived.productSlug()).expectStatus(404);
        anyone.get("/api/v1/recommendations?product=no-such-thing").expectStatus(404);
        anyone.get("/api/v1/recommendations?product=" + "x".repeat(1000)).expectStatus(404);
        for (String limit : List.of("0", "25", "-1", "many", "99999999999")) {
            JsonNode problem = anyone.get("/api/v1/recommendations?limit=" + limit)
                    .expectStatus(400)
                    .json();
            assertThat(problem.get("type").asString()).endsWith("/validation");
        }
        anyone.get("/api/v1/recommendations").expectStatus(200);
    }

    @Test
    void theFlagOffHidesTheApi() {
        Shop.Variant product = shop.product("3.00", 5);
        ApiClient anyone = catalog.anonymous();
        anyone.get("/api/v1/recommendations?product=" + product.productSlug()).expectStatus(200);

        flags.set(Feature.RECOMMENDATIONS.key(), false, null);

        anyone.get("/api/v1/recommendations?product=" + product.productSlug()).expectStatus(404);
        anyone.get("/api/v1/recommendations").expectStatus(404);
    }
}

package app.dukkan.catalog;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.unique;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.RowLock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DukkanTest
class CatalogAdminApiTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProductConsole console;

    @Value("${dukkan.embedded-postgres.pool-size}")
    int poolSize;

    CatalogFixtures fixtures;
    String category;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(port);
        category = fixtures.category("Lamps", null);
    }

    @Test
    void aProductHasAtMostAHundredVariants() {
        ApiClient seller = fixtures.seller();
        List<Map<String, Object>> hundred = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> variant("2.00", 1_000_000))
                .toList();
        String id = fixtures.createProduct(seller, product("Many sizes " + unique(""), category, hundred))
                .get("id")
                .asString();

        JsonNode refused = seller.post("/api/v1/admin/products/" + id + "/variants", variant("2.00", 1))
                .expectStatus(409)
                .json();
        assertThat(refused.get("detail").asString()).contains("at most 100 variants");
        List<Map<String, Object>> more = new java.util.ArrayList<>(hundred);
        more.add(variant("2.00", 1));
        assertField(seller, product("Too many " + unique(""), category, more), "variants");
    }

    @Test
    void sellerCreatesProductWithGeneratedUniqueSlugs() {
        ApiClient seller = fixtures.seller();
        String name = "Brass Desk Lamp " + unique("");
        JsonNode first = fixtures.createProduct(
                seller, product(name, category, List.of(variant("49.90", 5), variant("59.90", 0))));
        JsonNode second = fixtures.createProduct(seller, product(name, category, List.of(variant("19.00", 1))));

        assertThat(first.get("slug").asString())
                .isEqualTo(first.get("slug").asString().toLowerCase())
                .startsWith("brass-desk-lamp-");
        assertThat(second.get("slug").asString()).isEqualTo(first.get("slug").asString() + "-2");
        assertThat(first.get("price").get("min").get("amount").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(first.get("price").get("max").get("amount").decimalValue()).isEqualByComparingTo("59.90");
        assertThat(first.get("variants")).hasSize(2);
        assertThat(first.get("in_stock").asBoolean()).isTrue();

        JsonNode detail = fixtures.anonymous()
                .get("/api/v1/products/" + first.get("slug").asString())
                .expectStatus(200)
                .json();
        assertThat(detail.get("variants")).hasSize(2);
        assertThat(detail.get("media")).hasSize(1);
        assertThat(detail.get("category").get("slug").asString()).isEqualTo(category);
    }

    @Test
    void concurrentCreatesOfOneNameGetDistinctSlugs() throws Exception {
        ApiClient seller = fixtures.seller();
        String name = "Race Lamp " + unique("");
        int writers = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ApiClient.Response>> results = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return seller.post("/api/v1/admin/products", product(name, category, List.of(variant("10.00", 1))));
            }));
        }
        start.countDown();
        java.util.Set<String> slugs = new java.util.HashSet<>();
        for (var result : results) {
            slugs.add(result.get().expectStatus(201).json().get("slug").asString());
        }
        pool.shutdown();
        assertThat(slugs).hasSize(writers);
    }

    @Test
    void customersAndAnonymousCannotWriteTheCatalog() {
        Map<String, Object> body = product("Forbidden Lamp", category, List.of(variant("10.00", 1)));
        fixtures.customer().post("/api/v1/admin/products", body).expectStatus(403);
        fixtures.anonymous().post("/api/v1/admin/products", body).expectStatus(401);
        fixtures.customer()
                .post("/api/v1/admin/categories", Map.of("name", "Nope"))
                .expectStatus(403);
    }

    @Test
    void sellerCannotTouchAnotherSellersProductButAdminCan() {
        ApiClient owner = fixtures.seller();
        ApiClient other = fixtures.seller();
        JsonNode created = fixtures.createProduct(owner, product("Owned Lamp", category, List.of(variant("10.00", 1))));
        String id = created.get("id").asString();
        String variantId = created.get("variants").get(0).get("id").asString();

        other.patch("/api/v1/admin/products/" + id, Map.of("name", "Stolen Lamp"))
                .expectStatus(403);
        other.post("/api/v1/admin/products/" + id + "/archive", null).expectStatus(403);
        other.patch("/api/v1/admin/products/" + id + "/variants/" + variantId, Map.of("stock", 0))
                .expectStatus(403);
        other.get("/api/v1/admin/products/" + id).expectStatus(403);
        assertThat(other.get("/api/v1/admin/products").json().get("total").asLong())
                .isZero();

        fixtures.admin()
                .patch("/api/v1/admin/products/" + id, Map.of("name", "Renamed Lamp"))
                .expectStatus(200);
        assertThat(owner.get("/api/v1/admin/products/" + id).json().get("name").asString())
                .isEqualTo("Renamed Lamp");
    }

    @Test
    void aRefusedSellerNeitherWaitsForNorHoldsTheProductsLock() throws Exception {
        ApiClient owner = fixtures.seller();
        ApiClient other = fixtures.seller();
        JsonNode created = fixtures.createProduct(
                owner, product("Guarded Lamp " + unique(""), category, List.of(variant("10.00", 1))));
        UUID id = UUID.fromString(created.get("id").asString());
        String path = "/api/v1/admin/products/" + id;
        String variantId = created.get("variants").get(0).get("id").asString();
        String mediaId = created.get("media").get(0).get("id").asString();
        List<Supplier<ApiClient.Response>> attempts = List.of(
                () -> other.patch(path, Map.of("name", "Stolen Lamp")),
                () -> other.post(path + "/archive", null),
                () -> other.post(path + "/variants", variant("2.00", 1)),
                () -> other.patch(path + "/variants/" + variantId, Map.of("stock", 0)),
                () -> other.post(path + "/media", Map.of("url", "https://img.example.com/stolen.jpg")),
                () -> other.delete(path + "/media/" + mediaId));

        // an order's reservation (or the owner's edit) holds the row: the refusals do not wait for it
        for (Supplier<ApiClient.Response> attempt : attempts) {
            ApiClient.Response refused =
                    RowLock.whileLocked(dataSource, "products", id, Duration.ofSeconds(10), attempt::get);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("type").asString()).endsWith("/forbidden");
        }
        assertThat(refusalsOf(id)).isEqualTo(attempts.size());
        JsonNode unchanged = owner.get(path).expectStatus(200).json();
        assertThat(unchanged.get("name").asString())
                .isEqualTo(created.get("name").asString());
        assertThat(unchanged.get("status").asString()).isEqualTo("active");
        assertThat(unchanged.get("variants")).hasSize(1);
        assertThat(unchanged.get("media")).hasSize(1);
    }

    @Test
    void theConsolesWritesRefuseAnotherSellerWithoutWaitingForTheProductsLock() throws Exception {
        ApiClient owner = fixtures.seller();
        JsonNode created = fixtures.createProduct(
                owner, product("Console Lamp " + unique(""), category, List.of(variant("10.00", 1))));
        UUID id = UUID.fromString(created.get("id").asString());
        UUID variantId =
                UUID.fromString(created.get("variants").get(0).get("id").asString());
        AuthenticatedUser other =
                new AuthenticatedUser(new UserId(UUID.randomUUID()), "other@example.com", Set.of(Role.SELLER));
        ProductConsole.VariantInput variant = new ProductConsole.VariantInput(
                unique("SKU-"), "Stolen", Money.ofMinor(200, "EUR"), null, 1, true, Map.of());
        List<ThrowingCallable> attempts = List.of(
                () -> console.update(
                        other, id, new ProductConsole.ProductInput("Stolen Lamp", null, "", null, "active", Map.of())),
                () -> console.archive(other, id),
                () -> console.addVariant(other, id, variant),
                () -> console.updateVariant(
                        other, id, variantId, new ProductConsole.VariantEdit(variant, true, true, false)));
        for (ThrowingCallable attempt : attempts) {
            Throwable refused = RowLock.whileLocked(
                    dataSource, "products", id, Duration.ofSeconds(10), () -> catchThrowable(attempt));
            assertThat(refused)
                    .isInstanceOfSatisfying(
                            ProblemException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        }
        assertThat(refusalsOf(id)).isEqualTo(attempts.size());
        assertThat(owner.get("/api/v1/admin/products/" + id).json().get("name").asString())
                .isEqualTo(created.get("name").asString());
    }

    @Test
    void manyRefusedEditsAtOnceAnswerQuicklyBesideTheOwnersEdit() throws Exception {
        ApiClient owner = fixtures.seller();
        ApiClient other = fixtures.seller();
        UUID id = UUID.fromString(fixtures.createProduct(
                        owner, product("Crowded Lamp " + unique(""), category, List.of(variant("10.00", 1))))
                .get("id")
                .asString());
        String path = "/api/v1/admin/products/" + id;
        // more refused requests than the pool has connections, all at once
        int refusals = poolSize * 3;
        ExecutorService threads = Executors.newFixedThreadPool(refusals + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> refused = new ArrayList<>();
        try {
            for (int i = 0; i < refusals; i++) {
                refused.add(threads.submit(() -> {
                    start.await();
                    return other.patch(path, Map.of("name", "Stolen Lamp"));
                }));
            }
            Future<ApiClient.Response> own = threads.submit(() -> {
                start.await();
                return owner.patch(path, Map.of("name", "Kept Lamp"));
            });
            start.countDown();
            // well below the pool's 30 seconds of waiting for a connection
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (Future<ApiClient.Response> each : refused) {
                assertThat(each.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                                .status())
                        .isEqualTo(403);
            }
            assertThat(own.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                            .status())
                    .isEqualTo(200);
        } finally {
            threads.shutdownNow();
        }
        assertThat(refusalsOf(id)).isEqualTo(refusals);
        assertThat(owner.get(path).json().get("name").asString()).isEqualTo("Kept Lamp");
    }

    private long refusalsOf(UUID productId) {
        return jdbc.sql("select count(*) from audit_log where action = 'product.access-refused' and target_id = ?")
                .param(productId.toString())
                .query(Long.class)
                .single();
    }

    @Test
    void archivingHidesTheProductFromShoppers() {
        ApiClient seller = fixtures.seller();
        JsonNode created =
                fixtures.createProduct(seller, product("Fleeting Lamp", category, List.of(variant("10.00", 1))));
        String slug = created.get("slug").asString();
        fixtures.anonymous().get("/api/v1/products/" + slug).expectStatus(200);
        assertThat(listingTotal()).isEqualTo(1);

        seller.post("/api/v1/admin/products/" + created.get("id").asString() + "/archive", null)
                .expectStatus(200);

        fixtures.anonymous().get("/api/v1/products/" + slug).expectStatus(404);
        assertThat(listingTotal()).isZero();
    }

    @Test
    void variantChangesShowInListingsAtOnce() {
        ApiClient seller = fixtures.seller();
        JsonNode created =
                fixtures.createProduct(seller, product("Cached Lamp", category, List.of(variant("10.00", 3))));
        String id = created.get("id").asString();
        String variantId = created.get("variants").get(0).get("id").asString();
        assertThat(listing().get("items").get(0).get("in_stock").asBoolean()).isTrue();

        seller.patch(
                        "/api/v1/admin/products/" + id + "/variants/" + variantId,
                        Map.of("stock", 0, "price", Map.of("amount", new BigDecimal("12.50"), "currency", "EUR")))
                .expectStatus(200);

        JsonNode item = listing().get("items").get(0);
        assertThat(item.get("in_stock").asBoolean()).isFalse();
        assertThat(item.get("price").get("min").get("amount").decimalValue()).isEqualByComparingTo("12.50");
        String slug = created.get("slug").asString();
        assertThat(fixtures.anonymous()
                        .get("/api/v1/products/" + slug)
                        .json()
                        .get("variants")
                        .get(0)
                        .get("stock")
                        .asInt())
                .isZero();
    }

    @Test
    void draftsStayPrivateUntilActivated() {
        ApiClient seller = fixtures.seller();
        Map<String, Object> body = product("Draft Lamp", category, List.of(variant("10.00", 3)));
        body.remove("status");
        JsonNode created = fixtures.createProduct(seller, body);
        assertThat(created.get("status").asString()).isEqualTo("draft");
        fixtures.anonymous()
                .get("/api/v1/products/" + created.get("slug").asString())
                .expectStatus(404);

        seller.patch("/api/v1/admin/products/" + created.get("id").asString(), Map.of("status", "active"))
                .expectStatus(200);
        fixtures.anonymous()
                .get("/api/v1/products/" + created.get("slug").asString())
                .expectStatus(200);
    }

    @Test
    void refusesDuplicateSkusAndChangesNothing() {
        ApiClient seller = fixtures.seller();
        Map<String, Object> taken = variant("10.00", 1);
        fixtures.createProduct(seller, product("First Lamp", category, List.of(taken)));
        long before = seller.get("/api/v1/admin/products").json().get("total").asLong();

        Map<String, Object> sameSkuOtherCase = new HashMap<>(variant("11.00", 1));
        sameSkuOtherCase.put("sku", ((String) taken.get("sku")).toLowerCase());
        JsonNode conflict = seller.post(
                        "/api/v1/admin/products",
                        product("Second Lamp", category, List.of(variant("5.00", 1), sameSkuOtherCase)))
                .expectStatus(409)
                .json();
        assertThat(conflict.get("errors").get(0).get("field").asString()).isEqualTo("variants[1].sku");

        Map<String, Object> twice = variant("5.00", 1);
        JsonNode duplicateInRequest = seller.post(
                        "/api/v1/admin/products", product("Third Lamp", category, List.of(twice, twice)))
                .expectStatus(400)
                .json();
        assertThat(duplicateInRequest.get("errors").get(0).get("field").asString())
                .isEqualTo("variants[1].sku");

        assertThat(seller.get("/api/v1/admin/products").json().get("total").asLong())
                .isEqualTo(before);
    }

    @Test
    void refusesBadProductInputNamingTheField() {
        ApiClient seller = fixtures.seller();
        assertField(seller, product("Lamp", category, List.of(variant("-1.00", 1))), "variants[0].price.amount");
        assertField(seller, product("Lamp", category, List.of(variant("99999999.00", 1))), "variants[0].price.amount");
        assertField(seller, product("Lamp", category, List.of(variant("10.00", -5))), "variants[0].stock");
        assertField(seller, product("Lamp", category, List.of(variant("10.001", 1))), "variants[0].price");
        Map<String, Object> dollars = new HashMap<>(variant("10.00", 1));
        dollars.put("price", Map.of("amount", 10, "currency", "USD"));
        assertField(seller, product("Lamp", category, List.of(dollars)), "variants[0].price.currency");
        assertField(seller, product("x".repeat(201), category, List.of(variant("10.00", 1))), "name");
        assertField(seller, product("Lamp", "no-such-category", List.of(variant("10.00", 1))), "category");
        assertField(seller, product("Lamp", category, List.of()), "status");
        Map<String, Object> badSku = new HashMap<>(variant("10.00", 1));
        badSku.put("sku", "bad sku!");
        assertField(seller, product("Lamp", category, List.of(badSku)), "variants[0].sku");

        assertThat(seller.get("/api/v1/admin/products").json().get("total").asLong())
                .isZero();
        String created = seller.post("/api/v1/admin/products", product("Lamp", category, List.of(variant("10.00", 1))))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        JsonNode blank = seller.patch("/api/v1/admin/products/" + created, Map.of("name", " \t "))
                .expectStatus(400)
                .json();
        assertThat(blank.get("errors").get(0).get("field").asString()).isEqualTo("name");
        seller.sendRaw("POST", "/api/v1/admin/products", "{\"name\": \"Lamp\",", "application/json")
                .expectStatus(400);
    }

    @Test
    void categoriesFormATreeWithUniqueSlugs() {
        ApiClient admin = fixtures.admin();
        String parent = fixtures.category("Lighting", null);
        String child = fixtures.category("Ceiling", parent);
        JsonNode tree =
                fixtures.anonymous().get("/api/v1/categories").expectStatus(200).json();
        JsonNode node = null;
        for (JsonNode root : tree) {
            if (root.get("slug").asString().equals(parent)) {
                node = root;
            }
        }
        assertThat(node).isNotNull();
        assertThat(node.get("children").get(0).get("slug").asString()).isEqualTo(child);

        admin.post("/api/v1/admin/categories", Map.of("name", "Again", "slug", child))
                .expectStatus(409);
        admin.post("/api/v1/admin/categories", Map.of("name", "Orphan", "parent", "missing"))
                .expectStatus(400);
        admin.patch("/api/v1/admin/categories/" + parent, Map.of("parent", child))
                .expectStatus(400);
        admin.post("/api/v1/admin/categories", Map.of("name", "Bad", "slug", "Not A Slug"))
                .expectStatus(400);
        // a name of spaces only is a mistake of the client's (400 naming it), not a conflict to retry
        assertThat(admin.patch("/api/v1/admin/categories/" + child, Map.of("name", "   "))
                        .expectStatus(400)
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("name");

        // names without Latin letters all slugify to "item": the second is not refused for it
        String shirts = admin.post("/api/v1/admin/categories", Map.of("name", "قمصان"))
                .expectStatus(201)
                .json()
                .get("slug")
                .asString();
        String shoes = admin.post("/api/v1/admin/categories", Map.of("name", "أحذية"))
                .expectStatus(201)
                .json()
                .get("slug")
                .asString();
        assertThat(shirts).startsWith("item");
        assertThat(shoes).startsWith("item").isNotEqualTo(shirts);
    }

    private JsonNode listing() {
        return fixtures.anonymous()
                .get("/api/v1/products?category=" + category)
                .expectStatus(200)
                .json();
    }

    private long listingTotal() {
        return listing().get("total").asLong();
    }

    private static void assertField(ApiClient client, Map<String, Object> body, String field) {
        JsonNode problem =
                client.post("/api/v1/admin/products", body).expectStatus(400).json();
        assertThat(problem.path("errors").path(0).path("field").asString())
                .as(problem.toString())
                .isEqualTo(field);
    }
}

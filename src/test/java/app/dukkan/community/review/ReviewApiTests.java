package app.dukkan.community.review;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.community.ReviewPublished;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** Reviews over the JSON API: who may write them, one per product, bad input, edits, and the summary. */
@DukkanTest
@RecordApplicationEvents
class ReviewApiTests {

    @LocalServerPort
    int port;

    @Autowired
    List<ModeratedContent> moderated;

    @Autowired
    ApplicationEvents events;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    static Map<String, Object> review(int rating, String title, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("rating", rating);
        body.put("title", title);
        body.put("text", text);
        return body;
    }

    /** The API leaves out null fields. */
    static boolean absent(JsonNode node, String field) {
        return node.get(field) == null || node.get(field).isNull();
    }

    /** A customer who bought the product in a paid order. */
    ApiClient buyer(Shop.Variant product) {
        ApiClient customer = shop.customer();
        shop.buy(customer, product, 1, null);
        return customer;
    }

    @Test
    void aSellerWhoBoughtTheirOwnProductCannotReviewIt() {
        CatalogFixtures catalog = shop.catalog();
        ApiClient seller = catalog.seller();
        String category = catalog.category(CatalogFixtures.unique("Own "), null);
        JsonNode created = catalog.createProduct(
                seller,
                CatalogFixtures.product(
                        CatalogFixtures.unique("Own kettle "), category, List.of(CatalogFixtures.variant("12.00", 5))));
        JsonNode variant = created.get("variants").get(0);
        Shop.Variant own = new Shop.Variant(
                variant.get("id").asString(),
                variant.get("sku").asString(),
                created.get("id").asString(),
                created.get("slug").asString());
        shop.buy(seller, own, 1, null);

        JsonNode refused = seller.post("/api/v1/products/" + own.productSlug() + "/reviews", review(5, "Best", "Mine"))
                .expectStatus(403)
                .json();
        assertThat(refused.get("type").asString()).endsWith("/own-product");
        assertThat(shop.guest()
                        .get("/api/v1/products/" + own.productSlug() + "/rating")
                        .json()
                        .get("count")
                        .asInt())
                .isZero();
    }

    @Test
    void onlyCustomersWhoPaidForTheProductMayReviewIt() {
        Shop.Variant product = shop.product("12.00", 50);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";

        shop.guest().post(path, review(5, "Great", "Works")).expectStatus(401);

        ApiClient stranger = shop.customer();
        JsonNode refused = stranger.post(path, review(5, "Great", "Works"))
                .expectStatus(403)
                .json();
        assertThat(refused.get("type").asString()).endsWith("/not-a-buyer");

        // a draft in the cart, not paid, is not a purchase
        shop.addToCart(stranger, product, 1);
        shop.draft(stranger, null, null);
        stranger.post(path, review(5, "Great", "Works")).expectStatus(403);

        ApiClient buyer = buyer(product);
        JsonNode written = buyer.post(path, review(4, "Good kettle", "Boils fast."))
                .expectStatus(201)
                .json();
        assertThat(written.get("rating").asInt()).isEqualTo(4);
        assertThat(written.get("title").asString()).isEqualTo("Good kettle");
        assertThat(written.get("text").asString()).isEqualTo("Boils fast.");
        assertThat(written.get("status").asString()).isEqualTo("visible");
        assertThat(written.get("verified_buyer").asBoolean()).isTrue();
        assertThat(written.get("author").get("handle").asString()).isNotBlank();
        assertThat(absent(written, "edited_at")).isTrue();

        JsonNode rating = shop.guest()
                .get("/api/v1/products/" + product.productSlug() + "/rating")
                .expectStatus(200)
                .json();
        assertThat(rating.get("count").asInt()).isEqualTo(1);
        assertThat(rating.get("average").asString()).isEqualTo("4.0");
        assertThat(rating.get("distribution").get(1).get("stars").asInt()).isEqualTo(4);
        assertThat(rating.get("distribution").get(1).get("count").asInt()).isEqualTo(1);

        JsonNode detail = shop.guest()
                .get("/api/v1/products/" + product.productSlug())
                .expectStatus(200)
                .json();
        assertThat(detail.get("rating").get("count").asInt()).isEqualTo(1);
        assertThat(detail.get("rating").get("average").asString()).isEqualTo("4.0");
    }

    @Test
    void aSecondReviewOfTheSameProductIsAConflictNamingTheFirst() {
        Shop.Variant product = shop.product("9.00", 50);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";
        ApiClient buyer = buyer(product);
        String first = buyer.post(path, review(5, "", "Love it"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();

        JsonNode conflict =
                buyer.post(path, review(1, "", "Hate it")).expectStatus(409).json();
        assertThat(conflict.get("type").asString()).endsWith("/already-reviewed");
        assertThat(conflict.get("review_id").asString()).isEqualTo(first);

        JsonNode page = shop.guest().get(path).expectStatus(200).json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("rating").asInt()).isEqualTo(5);
        assertThat(absent(page.get("items").get(0), "title")).isTrue();
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Shop.Variant product = shop.product("9.00", 50);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";
        ApiClient buyer = buyer(product);

        for (Map<String, Object> bad : List.of(
                review(0, "", "text"),
                review(6, "", "text"),
                review(3, "x".repeat(121), "text"),
                review(3, "", "x".repeat(5001)),
                review(3, "", "   "),
                review(3, "", "nul \u0000 inside"))) {
            JsonNode problem = buyer.post(path, bad).expectStatus(400).json();
            assertThat(problem.get("errors").get(0).get("field").asString()).isIn("rating", "title", "text");
        }
        buyer.post(path, Map.of("title", "no rating", "text", "t")).expectStatus(400);
        buyer.post(path, Map.of("rating", "five", "text", "t")).expectStatus(400);
        buyer.post("/api/v1/products/no-such-product/reviews", review(3, "", "t"))
                .expectStatus(404);
        shop.guest().get(path + "?rating=9").expectStatus(400);
        shop.guest().get(path + "?sort=best").expectStatus(400);
        shop.guest().get(path + "?cursor=not-a-cursor").expectStatus(400);
        shop.guest().get(path + "?limit=500").expectStatus(400);

        assertThat(shop.guest().get(path).json().get("items")).isEmpty();
        assertThat(shop.guest()
                        .get("/api/v1/products/" + product.productSlug() + "/rating")
                        .json()
                        .get("count")
                        .asInt())
                .isZero();

        // the longest text is fine, and markup is kept as text
        String markup = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        JsonNode written = buyer.post(path, review(3, markup, "x".repeat(4900) + markup))
                .expectStatus(201)
                .json();
        assertThat(written.get("title").asString()).isEqualTo(markup);
    }

    @Test
    void theAuthorEditsAndDeletesTheirReviewAndTheSummaryFollows() {
        Shop.Variant product = shop.product("9.00", 50);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";
        String rating = "/api/v1/products/" + product.productSlug() + "/rating";
        ApiClient buyer = buyer(product);
        String id = buyer.post(path, review(2, "Meh", "Not great"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();

        shop.customer().patch("/api/v1/reviews/" + id, Map.of("rating", 1)).expectStatus(404);
        shop.guest().patch("/api/v1/reviews/" + id, Map.of("rating", 1)).expectStatus(401);
        buyer.patch("/api/v1/reviews/" + id, Map.of("rating", 9)).expectStatus(400);

        JsonNode edited = buyer.patch("/api/v1/reviews/" + id, Map.of("rating", 5, "title", ""))
                .expectStatus(200)
                .json();
        assertThat(edited.get("rating").asInt()).isEqualTo(5);
        assertThat(absent(edited, "title")).isTrue();
        assertThat(edited.get("text").asString()).isEqualTo("Not great");
        assertThat(absent(edited, "edited_at")).isFalse();
        assertThat(shop.guest().get(rating).json().get("average").asString()).isEqualTo("5.0");

        JsonNode mine = buyer.get("/api/v1/me/reviews").expectStatus(200).json();
        assertThat(mine.get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(mine.get("items").get(0).get("product").get("slug").asString())
                .isEqualTo(product.productSlug());
        shop.guest().get("/api/v1/me/reviews").expectStatus(401);

        shop.customer().delete("/api/v1/reviews/" + id).expectStatus(404);
        buyer.delete("/api/v1/reviews/" + id).expectStatus(204);
        buyer.delete("/api/v1/reviews/" + id).expectStatus(404);
        assertThat(shop.guest().get(rating).json().get("count").asInt()).isZero();
        assertThat(shop.guest().get(path).json().get("items")).isEmpty();
        // room for a new one
        buyer.post(path, review(3, "", "Second thoughts")).expectStatus(201);
    }

    @Test
    void aHiddenReviewLeavesTheSummaryAndIsShownToItsAuthorAlone() {
        Shop.Variant product = shop.product("9.00", 50);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";
        String rating = "/api/v1/products/" + product.productSlug() + "/rating";
        ApiClient author = buyer(product);
        ApiClient other = buyer(product);
        UUID hidden = written(author, path, review(1, "", "Awful"));
        other.post(path, review(5, "", "Superb")).expectStatus(201);
        assertThat(shop.guest().get(rating).json().get("average").asString()).isEqualTo("3.0");

        ModeratedContent reviews = moderatedReviews();
        reviews.hide(hidden);

        assertThat(reviews.find(hidden).orElseThrow().state()).isEqualTo(ModeratedContent.State.HIDDEN);
        assertThat(reviews.find(hidden).orElseThrow().path()).startsWith("/products/" + product.productSlug());
        JsonNode summary = shop.guest().get(rating).json();
        assertThat(summary.get("count").asInt()).isEqualTo(1);
        assertThat(summary.get("average").asString()).isEqualTo("5.0");
        assertThat(shop.guest().get(path).json().get("items")).hasSize(1);
        JsonNode seenByAuthor = author.get(path).json().get("items");
        assertThat(seenByAuthor).hasSize(2);
        assertThat(seenByAuthor.get(0).get("status").asString()).isEqualTo("hidden");
        assertThat(shop.guest()
                        .get("/api/v1/products?rating=4&size=100")
                        .json()
                        .get("items")
                        .findValuesAsString("slug"))
                .contains(product.productSlug());

        reviews.restore(hidden);
        assertThat(shop.guest().get(rating).json().get("count").asInt()).isEqualTo(2);
        reviews.remove(hidden);
        assertThat(shop.guest().get(rating).json().get("count").asInt()).isEqualTo(1);
        assertThat(reviews.find(hidden).orElseThrow().state()).isEqualTo(ModeratedContent.State.REMOVED);
        // removed by the shop: no new review, no edit
        author.post(path, review(2, "", "Again")).expectStatus(409);
        author.patch("/api/v1/reviews/" + hidden, Map.of("rating", 2)).expectStatus(404);
    }

    @Test
    void aReviewPublishedWhenWrittenIsNotPublishedAgainWhenRestored() {
        Shop.Variant product = shop.product("9.00", 50);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";
        UUID id = written(buyer(product), path, review(4, "", "Sturdy"));

        ModeratedContent reviews = moderatedReviews();
        for (int i = 0; i < 2; i++) {
            assertThat(reviews.hide(id)).isTrue();
            assertThat(reviews.restore(id)).isTrue();
        }
        // announced by the request that wrote it (whose thread the recorded events leave out)
        assertThat(published(id)).isZero();
    }

    private long published(UUID review) {
        return events.stream(ReviewPublished.class)
                .filter(published -> published.review().equals(review))
                .count();
    }

    private ModeratedContent moderatedReviews() {
        return moderated.stream()
                .filter(content -> content.kind() == ContentKind.REVIEW)
                .findFirst()
                .orElseThrow();
    }

    private static UUID written(ApiClient author, String path, Map<String, Object> review) {
        return UUID.fromString(
                author.post(path, review).expectStatus(201).json().get("id").asString());
    }

    @Test
    void aReviewDeletedWhileHiddenCannotBeWrittenAgain() {
        Shop.Variant product = shop.product("9.00", 50);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";
        ApiClient author = buyer(product);
        UUID hidden = written(author, path, review(1, "", "Reported often"));
        moderatedReviews().hide(hidden);

        author.delete("/api/v1/reviews/" + hidden).expectStatus(204);
        JsonNode refused = author.post(path, review(1, "", "Reported often"))
                .expectStatus(409)
                .json();
        assertThat(refused.get("type").asString()).endsWith("/review-withdrawn");
        assertThat(shop.guest().get(path).json().get("items")).isEmpty();

        // a review deleted while it was shown may be written again
        ApiClient other = buyer(product);
        UUID shown = written(other, path, review(4, "", "Fine"));
        other.delete("/api/v1/reviews/" + shown).expectStatus(204);
        other.post(path, review(5, "", "Better than I said")).expectStatus(201);
    }

    @Test
    void twentyBuyersReviewingAtOnceAreAllCounted() throws Exception {
        Shop.Variant product = shop.product("5.00", 100);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";
        int buyers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            List<Future<ApiClient>> bought = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                bought.add(pool.submit(() -> buyer(product)));
            }
            List<ApiClient> customers = new ArrayList<>();
            for (Future<ApiClient> future : bought) {
                customers.add(future.get());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> written = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                ApiClient customer = customers.get(i);
                int stars = i % 5 + 1;
                Callable<Integer> write = () -> {
                    start.await();
                    return customer.post(path, review(stars, "", "Review " + stars))
                            .status();
                };
                written.add(pool.submit(write));
            }
            start.countDown();
            for (Future<Integer> status : written) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode summary = shop.guest()
                .get("/api/v1/products/" + product.productSlug() + "/rating")
                .json();
        assertThat(summary.get("count").asInt()).isEqualTo(20);
        assertThat(summary.get("average").asString()).isEqualTo("3.0");
        for (JsonNode bar : summary.get("distribution")) {
            assertThat(bar.get("count").asInt()).isEqualTo(4);
            assertThat(bar.get("percent").asInt()).isEqualTo(20);
        }
        assertThat(shop.guest()
                        .get("/api/v1/products/" + product.productSlug())
                        .json()
                        .get("rating")
                        .get("count")
                        .asInt())
                .isEqualTo(20);

        // pages of 7, highest first, never repeating or skipping
        List<String> seen = new ArrayList<>();
        List<Integer> stars = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = shop.guest()
                    .get(path + "?sort=highest&limit=7" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus(200)
                    .json();
            page.get("items").forEach(item -> {
                seen.add(item.get("id").asString());
                stars.add(item.get("rating").asInt());
            });
            cursor =
                    absent(page, "next_cursor") ? null : page.get("next_cursor").asString();
            if (cursor != null) {
                // a cursor belongs to its order
                shop.guest().get(path + "?sort=lowest&cursor=" + cursor).expectStatus(400);
            }
        } while (cursor != null);
        assertThat(seen).hasSize(20).doesNotHaveDuplicates();
        assertThat(stars).isSortedAccordingTo((a, b) -> b - a);
        assertThat(shop.guest().get(path + "?rating=2").json().get("items")).hasSize(4);
    }
}

package app.dukkan.storefront.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.Shop;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The review pages without JavaScript: who may write, the form, the product page and the listing. */
@DukkanTest
class ReviewPagesTests {

    static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    List<ModeratedContent> moderated;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    /** A customer who bought the product, signed in on the pages. */
    PageClient buyer(Shop.Variant product) {
        String email = CatalogFixtures.unique("reviewer-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        shop.buy(api, product, 1, null);
        return PageClient.signedIn(port, email, PASSWORD);
    }

    @Test
    void theFormSendsStrangersToSignInAndTellsOtherCustomersWhyNot() {
        Shop.Variant product = shop.product("7.00", 10);
        String path = "/products/" + product.productSlug() + "/review";
        assertThat(new PageClient(port).get(path).expectStatus(302).location())
                .isEqualTo("/login?next=%2Fproducts%2F" + product.productSlug() + "%2Freview");

        String email = CatalogFixtures.unique("stranger-") + "@example.com";
        new ApiClient(port).register(email, PASSWORD);
        PageClient stranger = PageClient.signedIn(port, email, PASSWORD);
        PageClient.Page refused = stranger.get(path).expectStatus(403);
        assertThat(refused.html().select("form.review-form")).isEmpty();
        assertThat(refused.one(".notice").text()).contains("Only customers who bought this product");
        stranger.post(path, Map.of("rating", "5", "text", "Sneaky")).expectStatus(403);
    }

    @Test
    void theFormTellsACustomerWhoDeletedTheirHiddenReviewWhyTheyCannotWriteAgain() {
        Shop.Variant product = shop.product("7.00", 10);
        String email = CatalogFixtures.unique("withdrawn-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        shop.buy(api, product, 1, null);
        String id = api.post(
                        "/api/v1/products/" + product.productSlug() + "/reviews",
                        Map.of("rating", 1, "text", "Reported often"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        moderated.stream()
                .filter(content -> content.kind() == ContentKind.REVIEW)
                .findFirst()
                .orElseThrow()
                .hide(UUID.fromString(id));
        api.delete("/api/v1/reviews/" + id).expectStatus(204);

        PageClient customer = PageClient.signedIn(port, email, PASSWORD);
        String path = "/products/" + product.productSlug() + "/review";
        PageClient.Page refused = customer.get(path).expectStatus(403);
        assertThat(refused.html().select("form.review-form")).isEmpty();
        assertThat(refused.one(".notice").text()).contains("You deleted your review of this product");
        // a form kept open from before is refused the same way
        String token = refused.one("input[name=_csrf]").val();
        PageClient.Page posted = customer.post(path, Map.of("_csrf", token, "rating", "5", "text", "Again"))
                .expectStatus(403);
        assertThat(posted.one(".notice").text()).contains("You deleted your review of this product");
    }

    @Test
    void aBuyerWritesEditsAndDeletesAReviewWithoutJavaScript() throws Exception {
        Shop.Variant product = shop.product("7.00", 10);
        String slug = product.productSlug();
        PageClient buyer = buyer(product);

        PageClient.Page form = buyer.get("/products/" + slug + "/review").expectStatus(200);
        PageClient.Page invalid = buyer.submit(form, "form.review-form", Map.of("text", "No stars"))
                .expectStatus(422);
        assertThat(invalid.one("#review-rating-error").text()).contains("Choose 1 to 5 stars");
        assertThat(invalid.one("#review-text").text()).isEqualTo("No stars");
        PageClient.Page tooLong = buyer.submit(
                        invalid, "form.review-form", Map.of("rating", "4", "text", "x".repeat(5001)))
                .expectStatus(422);
        assertThat(tooLong.one("#review-text").attr("aria-invalid")).isEqualTo("true");

        String markup = "<script>alert('x')</script><b>bold</b>";
        PageClient.Page saved = buyer.submit(
                        form, "form.review-form", Map.of("rating", "4", "title", "Solid", "text", markup))
                .expectStatus(303);
        assertThat(saved.location()).isEqualTo("/products/" + slug + "/reviews");
        PageClient.Page list = buyer.follow(saved).expectStatus(200);
        assertThat(list.one("[role=status]").text()).contains("Your review is published");
        Element review = list.one("article.review");
        assertThat(review.select(".review__text").text()).isEqualTo(markup);
        assertThat(review.select("script, b")).isEmpty();
        assertThat(review.text()).contains("Verified buyer");

        // the product page, for anyone: the summary, the review and JSON-LD
        PageClient.Page page = new PageClient(port).get("/products/" + slug).expectStatus(200);
        assertThat(page.one(".product__rating .stars").attr("aria-label")).isEqualTo("4.0 out of 5, 1 review");
        assertThat(page.one("#reviews .review__text").text()).isEqualTo(markup);
        assertThat(page.html().select("#reviews script, #reviews b")).isEmpty();
        assertThat(page.one("#reviews .rating-bars").text()).contains("4 stars 1 (100 %)");
        JsonNode jsonLd = JsonMapper.builder()
                .build()
                .readTree(page.one("script[type=application/ld+json]").data());
        JsonNode item = jsonLd.get("@graph").get(0);
        assertThat(item.get("aggregateRating").get("@type").asString()).isEqualTo("AggregateRating");
        assertThat(item.get("aggregateRating").get("ratingValue").asString()).isEqualTo("4.0");
        assertThat(item.get("aggregateRating").get("reviewCount").asInt()).isEqualTo(1);
        assertThat(item.get("review").get(0).get("reviewBody").asString()).isEqualTo(markup);
        assertThat(item.get("review")
                        .get(0)
                        .get("reviewRating")
                        .get("ratingValue")
                        .asInt())
                .isEqualTo(4);

        // edit: the form shows the review; a change shows at once on the product page
        PageClient.Page edit = buyer.get("/products/" + slug + "/review").expectStatus(200);
        assertThat(edit.one("#review-title").attr("value")).isEqualTo("Solid");
        assertThat(edit.one("#rating-4").hasAttr("checked")).isTrue();
        buyer.follow(buyer.submit(
                                edit, "form.review-form", Map.of("rating", "2", "title", "", "text", "Changed my mind"))
                        .expectStatus(303))
                .expectStatus(200);
        PageClient.Page changed = new PageClient(port).get("/products/" + slug).expectStatus(200);
        assertThat(changed.one(".product__rating .stars").attr("aria-label")).isEqualTo("2.0 out of 5, 1 review");
        assertThat(changed.one("#reviews .review__text").text()).isEqualTo("Changed my mind");
        assertThat(changed.body()).contains("(edited)");

        // the reviews page filters by stars and refuses a tampered cursor
        assertThat(new PageClient(port)
                        .get("/products/" + slug + "/reviews?rating=5")
                        .expectStatus(200)
                        .html()
                        .select("article.review"))
                .isEmpty();
        new PageClient(port)
                .get("/products/" + slug + "/reviews?cursor=tampered")
                .expectStatus(400);
        new PageClient(port).get("/products/" + slug + "/reviews?rating=9").expectStatus(400);

        PageClient.Page deleted = buyer.submit(
                        buyer.get("/products/" + slug + "/review"), "form.review-delete", Map.of())
                .expectStatus(303);
        assertThat(buyer.follow(deleted).one("[role=status]").text()).contains("Your review is deleted");
        PageClient.Page empty = new PageClient(port).get("/products/" + slug).expectStatus(200);
        assertThat(empty.html().select("#reviews article.review")).isEmpty();
        assertThat(empty.html()
                        .select("script[type=application/ld+json]")
                        .first()
                        .data())
                .doesNotContain("aggregateRating");
    }

    @Test
    void listingsFilterAndSortByRating() {
        ApiClient admin = shop.admin();
        String category = shop.catalog().category(CatalogFixtures.unique("Rated "), null);
        String best = product(admin, category, "Best ");
        String worst = product(admin, category, "Worst ");
        String unrated = product(admin, category, "Unrated ");
        review(best, 5);
        review(worst, 2);

        JsonNode byRating = shop.guest()
                .get("/api/v1/products?category=" + category + "&sort=rating")
                .expectStatus(200)
                .json();
        assertThat(slugs(byRating)).containsExactly(best, worst, unrated);
        assertThat(byRating.get("items").get(0).get("rating").get("average").asString())
                .isEqualTo("5.0");
        JsonNode fourUp = shop.guest()
                .get("/api/v1/products?category=" + category + "&rating=4")
                .expectStatus(200)
                .json();
        assertThat(slugs(fourUp)).containsExactly(best);
        shop.guest().get("/api/v1/products?rating=6").expectStatus(400);
        shop.guest().get("/api/v1/products?rating=abc").expectStatus(400);

        PageClient pages = new PageClient(port);
        PageClient.Page page =
                pages.get("/c/" + category + "?rating=2&sort=rating").expectStatus(200);
        assertThat(page.html().select(".product-card__name").eachText()).hasSize(2);
        assertThat(page.html().select(".product-card a").eachAttr("href").get(0))
                .endsWith("/products/" + best);
        assertThat(page.one("#filter-rating option[selected]").attr("value")).isEqualTo("2");
        assertThat(page.one("#filter-sort option[selected]").attr("value")).isEqualTo("rating");
        assertThat(page.html().select(".product-card__rating .stars").first().attr("aria-label"))
                .isEqualTo("5.0 out of 5, 1 review");
        PageClient.Page bad = pages.get("/c/" + category + "?rating=9").expectStatus(200);
        assertThat(bad.one("#filter-rating-error").text()).contains("1 to 5 stars");
    }

    /** A reviewer who renames themselves shows under their new name on the product's page at once. */
    @Test
    void aReviewersNewNameShowsOnTheProductPageAtOnce() {
        String slug = product(shop.admin(), shop.catalog().category(CatalogFixtures.unique("Named "), null), "Vase");
        JsonNode detail = shop.guest().get("/api/v1/products/" + slug).json();
        JsonNode variant = detail.get("variants").get(0);
        ApiClient customer = shop.customer();
        String before = CatalogFixtures.unique("Mira ");
        customer.patch("/api/v1/me/profile", Map.of("display_name", before)).expectStatus(200);
        shop.buy(
                customer,
                new Shop.Variant(
                        variant.get("id").asString(),
                        variant.get("sku").asString(),
                        detail.get("id").asString(),
                        slug),
                1,
                null);
        customer.post("/api/v1/products/" + slug + "/reviews", Map.of("rating", 5, "text", "Lovely vase"))
                .expectStatus(201);
        assertThat(new PageClient(port)
                        .get("/products/" + slug)
                        .expectStatus(200)
                        .body())
                .contains(before);

        String after = CatalogFixtures.unique("Mira K ");
        customer.patch("/api/v1/me/profile", Map.of("display_name", after)).expectStatus(200);

        assertThat(new PageClient(port)
                        .get("/products/" + slug)
                        .expectStatus(200)
                        .body())
                .contains(after)
                .doesNotContain(before);
    }

    private static java.util.List<String> slugs(JsonNode listing) {
        java.util.List<String> slugs = new java.util.ArrayList<>();
        listing.get("items").forEach(item -> slugs.add(item.get("slug").asString()));
        return slugs;
    }

    private String product(ApiClient admin, String category, String name) {
        return shop.catalog()
                .createProduct(
                        admin,
                        CatalogFixtures.product(
                                CatalogFixtures.unique(name),
                                category,
                                java.util.List.of(CatalogFixtures.variant("3.00", 10))))
                .get("slug")
                .asString();
    }

    private void review(String slug, int stars) {
        JsonNode detail = shop.guest().get("/api/v1/products/" + slug).json();
        JsonNode variant = detail.get("variants").get(0);
        Shop.Variant product = new Shop.Variant(
                variant.get("id").asString(),
                variant.get("sku").asString(),
                detail.get("id").asString(),
                slug);
        ApiClient customer = shop.customer();
        shop.buy(customer, product, 1, null);
        customer.post("/api/v1/products/" + slug + "/reviews", Map.of("rating", stars, "text", "Rated " + stars))
                .expectStatus(201);
    }
}

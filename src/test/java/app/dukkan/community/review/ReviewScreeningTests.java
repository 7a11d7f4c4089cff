package app.dukkan.community.review;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Reviews go through the shop's moderation rules on write and on every edit: a censored word is
 * masked, a hiding word hides the review (and takes it out of the summary), a blocked word refuses
 * it, and a deleted review's queue entry is closed.
 */
@DukkanTest
class ReviewScreeningTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** A word of this test alone, so that its rules leave other tests' texts alone. */
    private static String word(String start) {
        StringBuilder word = new StringBuilder(start);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static void rule(Shop shop, String action, String term) {
        shop.admin()
                .post(
                        "/api/v1/admin/moderation/rules",
                        Map.of(
                                "name",
                                action + " " + term,
                                "kind",
                                "keyword",
                                "terms",
                                List.of(term),
                                "severity",
                                "high",
                                "action",
                                action))
                .expectStatus(201);
    }

    @Test
    void writesAndEditsAreScreenedAndAHiddenReviewLeavesTheSummary() {
        Shop shop = new Shop(port);
        String masked = word("darn");
        String hiding = word("shady");
        String refused = word("forbid");
        rule(shop, "censor", masked);
        rule(shop, "hide", hiding);
        rule(shop, "block", refused);
        Shop.Variant product = shop.product("4.00", 10);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";
        String rating = "/api/v1/products/" + product.productSlug() + "/rating";
        ApiClient buyer = shop.customer();
        shop.buy(buyer, product, 1, null);

        JsonNode refusal = buyer.post(path, Map.of("rating", 1, "text", refused + " words"))
                .expectStatus(422)
                .json();
        assertThat(refusal.get("type").asString()).endsWith("/content-refused");
        assertThat(buyer.get("/api/v1/me/reviews").json().get("items")).isEmpty();

        String stars = "*".repeat(masked.length());
        JsonNode written = buyer.post(
                        path, Map.of("rating", 4, "title", masked + " good", "text", "A " + masked + " fine thing"))
                .expectStatus(201)
                .json();
        UUID id = UUID.fromString(written.get("id").asString());
        assertThat(written.get("title").asString()).isEqualTo(stars + " good");
        assertThat(written.get("text").asString()).isEqualTo("A " + stars + " fine thing");
        assertThat(shop.guest().get(rating).json().get("count").asInt()).isEqualTo(1);

        JsonNode edited = buyer.patch("/api/v1/reviews/" + id, Map.of("text", "Something " + hiding))
                .expectStatus(200)
                .json();
        assertThat(edited.get("status").asString()).isEqualTo("hidden");
        assertThat(openEntries(id)).isEqualTo(1);
        assertThat(shop.guest().get(rating).json().get("count").asInt()).isZero();
        assertThat(shop.guest().get(path).json().get("items")).isEmpty();
        assertThat(buyer.get(path).json().get("items").get(0).get("status").asString())
                .isEqualTo("hidden");

        // an innocent edit does not bring it back: an operator does
        buyer.patch("/api/v1/reviews/" + id, Map.of("text", "All fine")).expectStatus(200);
        assertThat(shop.guest().get(rating).json().get("count").asInt()).isZero();
        buyer.patch("/api/v1/reviews/" + id, Map.of("text", refused)).expectStatus(422);
        assertThat(buyer.get("/api/v1/me/reviews")
                        .json()
                        .get("items")
                        .get(0)
                        .get("text")
                        .asString())
                .isEqualTo("All fine");

        buyer.delete("/api/v1/reviews/" + id).expectStatus(204);
        assertThat(openEntries(id)).isZero();
    }

    private int openEntries(UUID review) {
        return jdbc.sql(
                        "select count(*) from moderation_entries where item_kind = 'review' and item_id = ? and state = 'open'")
                .param(review)
                .query(Integer.class)
                .single();
    }
}

package app.dukkan.community.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.Moderation;
import app.dukkan.moderation.Screening;
import app.dukkan.platform.ProblemException;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.JsonNode;

/**
 * Reviews go through moderation on write and on every edit, with a stand-in for the rules: "darn" is
 * masked, "shady" hides the review, "forbidden" refuses it.
 */
@DukkanTest
class ReviewScreeningTests {

    @LocalServerPort
    int port;

    @MockitoBean
    Moderation moderation;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        when(moderation.screen(any(), any(), anyList())).thenAnswer(call -> {
            List<String> texts = call.getArgument(2);
            if (texts.stream().anyMatch(text -> text.contains("forbidden"))) {
                throw new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "content-refused",
                        "Content refused",
                        "The text contains a word the shop does not allow",
                        List.of());
            }
            boolean hide = texts.stream().anyMatch(text -> text.contains("shady"));
            return new Screening(
                    texts.stream().map(text -> text.replace("darn", "****")).toList(),
                    hide,
                    hide,
                    hide ? List.of("shady") : List.of());
        });
    }

    @Test
    void writesAndEditsAreScreenedAndAHiddenReviewLeavesTheSummary() {
        Shop.Variant product = shop.product("4.00", 10);
        String path = "/api/v1/products/" + product.productSlug() + "/reviews";
        String rating = "/api/v1/products/" + product.productSlug() + "/rating";
        ApiClient buyer = shop.customer();
        shop.buy(buyer, product, 1, null);

        JsonNode refused = buyer.post(path, Map.of("rating", 1, "text", "forbidden words"))
                .expectStatus(422)
                .json();
        assertThat(refused.get("type").asString()).endsWith("/content-refused");
        assertThat(buyer.get("/api/v1/me/reviews").json().get("items")).isEmpty();

        JsonNode written = buyer.post(path, Map.of("rating", 4, "title", "darn good", "text", "A darn fine thing"))
                .expectStatus(201)
                .json();
        UUID id = UUID.fromString(written.get("id").asString());
        assertThat(written.get("title").asString()).isEqualTo("**** good");
        assertThat(written.get("text").asString()).isEqualTo("A **** fine thing");
        assertThat(shop.guest().get(rating).json().get("count").asInt()).isEqualTo(1);

        JsonNode edited = buyer.patch("/api/v1/reviews/" + id, Map.of("text", "Something shady"))
                .expectStatus(200)
                .json();
        assertThat(edited.get("status").asString()).isEqualTo("hidden");
        verify(moderation, atLeastOnce())
                .screen(eq(new ContentRef(ContentKind.REVIEW, id)), any(), eq(List.of("**** good", "Something shady")));
        assertThat(shop.guest().get(rating).json().get("count").asInt()).isZero();
        assertThat(shop.guest().get(path).json().get("items")).isEmpty();
        assertThat(buyer.get(path).json().get("items").get(0).get("status").asString())
                .isEqualTo("hidden");

        // an innocent edit does not bring it back: an operator does
        buyer.patch("/api/v1/reviews/" + id, Map.of("text", "All fine")).expectStatus(200);
        assertThat(shop.guest().get(rating).json().get("count").asInt()).isZero();
        buyer.patch("/api/v1/reviews/" + id, Map.of("text", "forbidden")).expectStatus(422);
        assertThat(buyer.get("/api/v1/me/reviews")
                        .json()
                        .get("items")
                        .get(0)
                        .get("text")
                        .asString())
                .isEqualTo("All fine");

        buyer.delete("/api/v1/reviews/" + id).expectStatus(204);
        verify(moderation).forget(new ContentRef(ContentKind.REVIEW, id));
    }
}

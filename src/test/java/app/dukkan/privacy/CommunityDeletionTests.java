package app.dukkan.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** With {@code dukkan.privacy.erasure.community=delete} an erased member's words go, others' stay. */
@DukkanTest
@TestPropertySource(properties = "dukkan.privacy.erasure.community=delete")
class CommunityDeletionTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anErasedMembersPostsCommentsAndReviewsAreDeletedAndTheRatingCountedWithoutThem() {
        Shop shop = new Shop(port);
        ApiClient member = shop.customer();
        String memberId = member.get("/api/v1/me").json().get("id").asString();
        String email = member.get("/api/v1/me").json().get("email").asString();
        Shop.Variant product = shop.product("10.00", 10);
        JsonNode order = shop.buy(member, product, 1, null);
        member.post("/api/v1/products/" + product.productSlug() + "/reviews", Map.of("rating", 2, "text", "Meh"))
                .expectStatus(201);
        String postId = member.post("/api/v1/posts", Map.of("text", "My post"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        ApiClient friend = shop.customer();
        friend.post("/api/v1/posts/" + postId + "/comments", Map.of("text", "Nice one"))
                .expectStatus(201);
        String friendPost = friend.post("/api/v1/posts", Map.of("text", "Friend's post"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        String memberComment = member.post("/api/v1/posts/" + friendPost + "/comments", Map.of("text", "My comment"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        // someone else's reply under the member's comment: listed under it, so gone from sight with it
        friend.post("/api/v1/posts/" + friendPost + "/comments", Map.of("text", "Agreed", "parent_id", memberComment))
                .expectStatus(201);
        assertThat(jdbc.sql("select comment_count from community_posts where id = ?")
                        .param(UUID.fromString(friendPost))
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(shop.guest()
                        .get("/api/v1/products/" + product.productSlug() + "/rating")
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(1);

        ApiClient admin = shop.admin();
        // shipped: a paid order still to deliver would hold the erasure
        admin.post("/api/v1/admin/orders/" + order.get("number").asString() + "/fulfil", Map.of())
                .expectStatus(200);
        String id = admin.post("/api/v1/admin/privacy/erasures", Map.of("email", email, "reason", "asked"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/admin/privacy/erasures/" + id)
                        .json()
                        .get("status")
                        .asString()
                        .equals("completed"));

        UUID erased = UUID.fromString(memberId);
        assertThat(jdbc.sql(
                                "select count(*) from community_posts where author_id = ? and (status <> 'deleted' or text <> '[erased]')")
                        .param(erased)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql(
                                "select count(*) from community_comments where author_id = ? and (status <> 'deleted' or text <> '[erased]')")
                        .param(erased)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from community_reviews where author_id = ? and status <> 'deleted'")
                        .param(erased)
                        .query(Long.class)
                        .single())
                .isZero();
        // the friend's comment on the deleted post and the friend's post stay; the friend's post counts no
        // comment: the reply is not shown under a deleted one
        assertThat(jdbc.sql("select count(*) from community_comments where post_id = ? and status = 'visible'")
                        .param(UUID.fromString(postId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select comment_count from community_posts where id = ?")
                        .param(UUID.fromString(friendPost))
                        .query(Integer.class)
                        .single())
                .isZero();
        JsonNode rating = shop.guest()
                .get("/api/v1/products/" + product.productSlug() + "/rating")
                .json();
        assertThat(rating.get("count").asInt()).isZero();
    }
}

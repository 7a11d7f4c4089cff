package app.dukkan.community.post;

import static app.dukkan.community.post.Members.firstPage;
import static app.dukkan.community.post.Members.ids;
import static app.dukkan.community.post.Members.post;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.community.post.Members.Member;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Posts through the API: writing, pictures, tagged products, edits, deletes, likes and what each viewer sees. */
@DukkanTest
class PostApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProfileDirectory profiles;

    @Autowired
    List<ModeratedContent> moderated;

    @Autowired
    UnusedPictures unusedPictures;

    Shop shop;
    Members members;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        members = new Members(shop.catalog(), profiles, jdbc);
    }

    private String upload(Member member) {
        return member.api()
                .postFile("/api/v1/posts/images", Map.of(), "photo.jpg", "image/jpeg", TestImages.jpeg(800, 600))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
    }

    private static Map<String, Object> body(String text, List<String> images, List<String> products) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("image_ids", images);
        body.put("product_ids", products);
        return body;
    }

    private long postCount() {
        return jdbc.sql("select count(*) from community_posts")
                .query(Long.class)
                .single();
    }

    @Test
    void aPostShowsItsPicturesTaggedProductsAndSafeText() {
        Member author = members.member();
        Shop.Variant product = shop.product("12.50", 5);
        String image = upload(author);

        JsonNode created = author.api()
                .post(
                        "/api/v1/posts",
                        body("  <b>New</b> mug! https://example.com  ", List.of(image), List.of(product.productId())))
                .expectStatus(201)
                .json();

        assertThat(created.get("text").asString()).isEqualTo("<b>New</b> mug! https://example.com");
        assertThat(created.get("author").get("handle").asString()).isEqualTo(author.handle());
        assertThat(created.get("images")).hasSize(1);
        assertThat(created.get("images").get(0).get("srcset").asString()).contains("320w", "640w");
        JsonNode tagged = created.get("products").get(0);
        assertThat(tagged.get("id").asString()).isEqualTo(product.productId());
        assertThat(tagged.get("variant_id").asString()).isEqualTo(product.id());
        assertThat(tagged.get("card").get("slug").asString()).isEqualTo(product.productSlug());
        assertThat(created.get("mine").asBoolean()).isTrue();

        JsonNode seen = shop.guest()
                .get("/api/v1/posts/" + created.get("id").asString())
                .expectStatus(200)
                .json();
        assertThat(seen.get("mine").asBoolean()).isFalse();
        assertThat(seen.get("like_count").asInt()).isZero();
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Member author = members.member();
        Member other = members.member();
        long before = postCount();

        author.api().post("/api/v1/posts", Map.of("text", "x".repeat(2001))).expectStatus(400);
        author.api().post("/api/v1/posts", Map.of("text", "   ")).expectStatus(400);
        author.api().post("/api/v1/posts", Map.of()).expectStatus(400);
        author.api()
                .post("/api/v1/posts", Map.of("text", "ok", "image_ids", List.of("not-a-uuid")))
                .expectStatus(400);
        List<String> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(UUID.randomUUID().toString());
        }
        author.api()
                .post("/api/v1/posts", body("five pictures", five, List.of()))
                .expectStatus(400);
        author.api()
                .postFile("/api/v1/posts/images", Map.of(), "notes.jpg", "image/jpeg", "just some text".getBytes())
                .expectStatus(422);
        author.api()
                .postFile(
                        "/api/v1/posts/images", Map.of(), "evil.jpg", "image/jpeg", "<svg onload=alert(1)>".getBytes())
                .expectStatus(415);
        String othersUpload = upload(other);
        JsonNode refused = author.api()
                .post("/api/v1/posts", body("someone else's picture", List.of(othersUpload), List.of()))
                .expectStatus(422)
                .json();
        assertThat(refused.get("type").asString()).endsWith("unusable-image");

        JsonNode draft = shop.catalog()
                .createProduct(
                        shop.admin(),
                        withStatus(
                                CatalogFixtures.product(
                                        CatalogFixtures.unique("Draft "),
                                        shop.catalog().category(CatalogFixtures.unique("Drafts "), null),
                                        List.of(CatalogFixtures.variant("5.00", 1))),
                                "draft"));
        String draftId = draft.get("id").asString();
        assertThat(author.api()
                        .post("/api/v1/posts", body("a draft", List.of(), List.of(draftId)))
                        .expectStatus(422)
                        .json()
                        .get("detail")
                        .asString())
                .contains(draftId);
        Shop.Variant archived = shop.product("5.00", 1);
        shop.admin()
                .post("/api/v1/admin/products/" + archived.productId() + "/archive", null)
                .expectStatus(200);
        author.api()
                .post("/api/v1/posts", body("archived", List.of(), List.of(archived.productId())))
                .expectStatus(422);
        author.api()
                .post(
                        "/api/v1/posts",
                        body("unknown", List.of(), List.of(UUID.randomUUID().toString())))
                .expectStatus(422);
        Shop.Variant onSale = shop.product("5.00", 1);
        author.api()
                .post("/api/v1/posts", body("twice", List.of(), List.of(onSale.productId(), onSale.productId())))
                .expectStatus(400);

        assertThat(postCount()).isEqualTo(before);
        // the refused post left the other member's upload unused: they can still post it
        other.api()
                .post("/api/v1/posts", body("mine after all", List.of(othersUpload), List.of()))
                .expectStatus(201);
        shop.guest().post("/api/v1/posts", Map.of("text", "signed out")).expectStatus(401);
    }

    private static Map<String, Object> withStatus(Map<String, Object> product, String status) {
        Map<String, Object> copy = new LinkedHashMap<>(product);
        copy.put("status", status);
        return copy;
    }

    @Test
    void uploadsNoPostUsedExpireAfterADay() {
        Member author = members.member();
        String used = upload(author);
        author.api()
                .post("/api/v1/posts", body("with a picture", List.of(used), List.of()))
                .expectStatus(201);
        String fresh = upload(author);
        String stale = upload(author);
        jdbc.sql(
                        "update community_post_images set created_at = now() - interval '25 hours' where id in (?::uuid, ?::uuid)")
                .params(stale, used)
                .update();

        assertThat(unusedPictures.removeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("select id::text from community_post_images where id in (?::uuid, ?::uuid, ?::uuid)")
                        .params(used, fresh, stale)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(used, fresh);
        author.api()
                .post("/api/v1/posts", body("too late", List.of(stale), List.of()))
                .expectStatus(422);
    }

    @Test
    void anUploadServesOnePostOnly() {
        Member author = members.member();
        String image = upload(author);
        author.api()
                .post("/api/v1/posts", body("first", List.of(image), List.of()))
                .expectStatus(201);
        author.api()
                .post("/api/v1/posts", body("second", List.of(image), List.of()))
                .expectStatus(422);
    }

    @Test
    void onlyTheAuthorEditsAndDeletesAndEditsKeepTheirHistory() {
        Member author = members.member();
        Member other = members.member();
        String id = post(author, "first text");

        other.api().patch("/api/v1/posts/" + id, Map.of("text", "hijacked")).expectStatus(403);
        other.api().delete("/api/v1/posts/" + id).expectStatus(403);
        author.api().patch("/api/v1/posts/" + id, Map.of("text", "")).expectStatus(400);
        author.api().patch("/api/v1/posts/" + id, Map.of("text", "second text")).expectStatus(200);
        JsonNode edited = author.api()
                .patch("/api/v1/posts/" + id, Map.of("text", "third text"))
                .expectStatus(200)
                .json();

        assertThat(edited.get("text").asString()).isEqualTo("third text");
        assertThat(edited.has("edited_at")).isTrue();
        JsonNode history = other.api()
                .get("/api/v1/posts/" + id + "/history")
                .expectStatus(200)
                .json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("text").asString()).isEqualTo("second text");
        assertThat(history.get(1).get("text").asString()).isEqualTo("first text");
        // edited again and again, the history keeps the 20 latest earlier texts
        for (int i = 0; i < 25; i++) {
            author.api()
                    .patch("/api/v1/posts/" + id, Map.of("text", "edit " + i))
                    .expectStatus(200);
        }
        JsonNode longHistory = other.api()
                .get("/api/v1/posts/" + id + "/history")
                .expectStatus(200)
                .json();
        assertThat(longHistory).hasSize(20);
        assertThat(longHistory.get(0).get("text").asString()).isEqualTo("edit 23");

        author.api().delete("/api/v1/posts/" + id).expectStatus(204);
        other.api().get("/api/v1/posts/" + id).expectStatus(404);
        author.api().get("/api/v1/posts/" + id).expectStatus(404);
        assertThat(ids(shop.guest(), "/api/v1/explore")).doesNotContain(id);
        author.api().delete("/api/v1/posts/" + id).expectStatus(404);
    }

    /**
     * Edits of posts and comments count together against the member's edit limit (60 an hour in
     * the tests as by default): each is screened again and may reopen a queue entry.
     */
    @Test
    void editsOfPostsAndCommentsAreLimitedPerMember() {
        Member author = members.member();
        String id = post(author, "edit me");
        String comment = author.api()
                .post("/api/v1/posts/" + id + "/comments", Map.of("text", "and me"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        for (int i = 0; i < 60; i++) {
            if (i % 2 == 0) {
                author.api()
                        .patch("/api/v1/posts/" + id, Map.of("text", "edit " + i))
                        .expectStatus(200);
            } else {
                author.api()
                        .patch("/api/v1/comments/" + comment, Map.of("text", "edit " + i))
                        .expectStatus(200);
            }
        }
        ApiClient.Response refused = author.api()
                .patch("/api/v1/posts/" + id, Map.of("text", "one more"))
                .expectStatus(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
        author.api()
                .patch("/api/v1/comments/" + comment, Map.of("text", "one more"))
                .expectStatus(429);
        assertThat(author.api()
                        .get("/api/v1/posts/" + id)
                        .expectStatus(200)
                        .json()
                        .get("text")
                        .asString())
                .isEqualTo("edit 58");
        // another member's edits count on their own
        Member other = members.member();
        String theirs = post(other, "mine");
        other.api()
                .patch("/api/v1/posts/" + theirs, Map.of("text", "mine, edited"))
                .expectStatus(200);
    }

    @Test
    void likesCountOncePerMember() {
        Member author = members.member();
        Member fan = members.member();
        String id = post(author, "like me");

        fan.api().put("/api/v1/posts/" + id + "/like", null).expectStatus(200);
        JsonNode twice = fan.api()
                .put("/api/v1/posts/" + id + "/like", null)
                .expectStatus(200)
                .json();
        assertThat(twice.get("like_count").asInt()).isEqualTo(1);
        assertThat(fan.api()
                        .get("/api/v1/posts/" + id)
                        .json()
                        .get("liked_by_me")
                        .asBoolean())
                .isTrue();
        assertThat(fan.api()
                        .delete("/api/v1/posts/" + id + "/like")
                        .expectStatus(200)
                        .json()
                        .get("like_count")
                        .asInt())
                .isZero();
        assertThat(fan.api()
                        .delete("/api/v1/posts/" + id + "/like")
                        .expectStatus(200)
                        .json()
                        .get("like_count")
                        .asInt())
                .isZero();
        fan.api().put("/api/v1/posts/" + UUID.randomUUID() + "/like", null).expectStatus(404);
        shop.guest().put("/api/v1/posts/" + id + "/like", null).expectStatus(401);
    }

    @Test
    void aHiddenPostLeavesEveryListAtOnceButItsAuthorStillSeesIt() {
        Member author = members.member();
        Member follower = members.member();
        members.follow(follower, author);
        String id = post(author, "soon hidden");
        assertThat(firstPage(follower.api(), "/api/v1/feed")).contains(id);

        moderated(ContentKind.POST).hide(UUID.fromString(id));

        assertThat(firstPage(follower.api(), "/api/v1/feed")).doesNotContain(id);
        assertThat(firstPage(shop.guest(), "/api/v1/explore")).doesNotContain(id);
        assertThat(firstPage(follower.api(), "/api/v1/profiles/" + author.handle() + "/posts"))
                .doesNotContain(id);
        follower.api().get("/api/v1/posts/" + id).expectStatus(404);
        follower.api().put("/api/v1/posts/" + id + "/like", null).expectStatus(404);
        follower.api()
                .post("/api/v1/posts/" + id + "/comments", Map.of("text", "hello"))
                .expectStatus(404);
        JsonNode own = author.api().get("/api/v1/posts/" + id).expectStatus(200).json();
        assertThat(own.get("hidden").asBoolean()).isTrue();
        assertThat(firstPage(author.api(), "/api/v1/feed")).contains(id);

        moderated(ContentKind.POST).restore(UUID.fromString(id));
        assertThat(firstPage(follower.api(), "/api/v1/feed")).contains(id);
        assertThat(moderated(ContentKind.POST).find(id).orElseThrow().path()).isEqualTo("/posts/" + id);
    }

    @Test
    void blocksHideContentBothWays() {
        Member blocker = members.member();
        Member blocked = members.member();
        members.follow(blocker, blocked);
        members.follow(blocked, blocker);
        String byBlocker = post(blocker, "blocker's post");
        String byBlocked = post(blocked, "blocked's post");
        members.block(blocker, blocked);

        for (Member[] pair : new Member[][] {{blocker, blocked}, {blocked, blocker}}) {
            Member viewer = pair[0];
            Member author = pair[1];
            String post = author == blocker ? byBlocker : byBlocked;
            assertThat(firstPage(viewer.api(), "/api/v1/feed")).doesNotContain(post);
            assertThat(firstPage(viewer.api(), "/api/v1/explore")).doesNotContain(post);
            assertThat(firstPage(viewer.api(), "/api/v1/profiles/" + author.handle() + "/posts"))
                    .isEmpty();
            viewer.api().get("/api/v1/posts/" + post).expectStatus(404);
            viewer.api().put("/api/v1/posts/" + post + "/like", null).expectStatus(404);
        }
        assertThat(firstPage(shop.guest(), "/api/v1/explore")).contains(byBlocker, byBlocked);
    }

    @Test
    void cursorsThatWereNotHandedOutAreRefused() {
        Member member = members.member();
        member.api().get("/api/v1/explore?cursor=%00").expectStatus(400);
        for (String cursor : List.of("garbage", "AAAAAAAAAAAAAAAAAAAAAA", "x".repeat(500), "AZQ-0Jt_cXqtqHMb9gM0Cg=")) {
            JsonNode problem = member.api()
                    .get("/api/v1/explore?cursor=" + cursor)
                    .expectStatus(400)
                    .json();
            assertThat(problem.get("type").asString()).endsWith("invalid-cursor");
        }
        member.api().get("/api/v1/feed?limit=0").expectStatus(400);
        member.api().get("/api/v1/feed?limit=51").expectStatus(400);
        member.api().get("/api/v1/profiles/nobody_here_at_all/posts").expectStatus(404);
        shop.guest().get("/api/v1/feed").expectStatus(401);
    }

    private ModeratedContent moderated(ContentKind kind) {
        return moderated.stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
    }
}

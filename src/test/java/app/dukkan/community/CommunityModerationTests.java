package app.dukkan.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/**
 * Moderation over the community's real content: rules on posts and comments, reports that hide a
 * post, an operator's restore and warning, and the profile page showing a member's posts.
 */
@DukkanTest
@RecordApplicationEvents
class CommunityModerationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEvents events;

    @Autowired
    Posts posts;

    @Autowired
    List<ModeratedContent> moderated;

    private CatalogFixtures fixtures() {
        return new CatalogFixtures(port);
    }

    /** Letters no other test's rule uses, so that rules of one test leave the others alone. */
    private static String letters() {
        StringBuilder letters = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    private static String handle(ApiClient member) {
        return member.get("/api/v1/me/profile")
                .expectStatus(200)
                .json()
                .get("handle")
                .asString();
    }

    private String rule(String action, String term) {
        return fixtures()
                .admin()
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
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
    }

    private static String post(ApiClient author, String text) {
        return author.post("/api/v1/posts", Map.of("text", text))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
    }

    private static List<String> ids(ApiClient reader, String path) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : reader.get(path).expectStatus(200).json().get("posts")) {
            ids.add(item.get("id").asString());
        }
        return ids;
    }

    /** The open queue entry of an item. */
    private JsonNode entry(String itemId) {
        for (JsonNode entry : fixtures()
                .admin()
                .get("/api/v1/admin/moderation/queue?kind=post&limit=50")
                .expectStatus(200)
                .json()
                .get("items")) {
            if (entry.get("item_id").asString().equals(itemId)) {
                return entry;
            }
        }
        throw new AssertionError("No open queue entry for " + itemId);
    }

    @Test
    void aHidingRuleKeepsAnEvasivePostFromEveryoneButItsAuthorUntilRestored() {
        String word = "qworbl" + letters();
        rule("hide", word);
        ApiClient author = fixtures().customer();
        ApiClient follower = fixtures().customer();
        follower.put("/api/v1/profiles/" + handle(author) + "/follow", null).expectStatus(200);

        // spaced out and with a look-alike digit: still the word
        String evasive = String.join(".", word.replace("o", "0").split("")) + " for sale";
        String hidden = post(author, "Get your " + evasive);
        String fine = post(author, "A quiet post about mugs");

        assertThat(ids(follower, "/api/v1/feed")).contains(fine).doesNotContain(hidden);
        assertThat(ids(fixtures().anonymous(), "/api/v1/explore")).doesNotContain(hidden);
        fixtures().anonymous().get("/api/v1/posts/" + hidden).expectStatus(404);
        assertThat(ids(author, "/api/v1/feed")).contains(hidden, fine);

        JsonNode entry = entry(hidden);
        assertThat(entry.get("reason").asString()).isEqualTo("rule");
        assertThat(entry.get("rules").toString()).contains(word);
        assertThat(entry.get("excerpt").asString()).contains("for sale");
        // edited while it waits: the entry keeps the text that raised it, and the operator sees the
        // text a restore would show beside it
        author.patch("/api/v1/posts/" + hidden, Map.of("text", "Get your teapot, made by hand"))
                .expectStatus(200);
        entry = entry(hidden);
        assertThat(entry.get("excerpt").asString()).contains("for sale");
        assertThat(entry.get("edited_excerpt").asString()).isEqualTo("Get your teapot, made by hand");
        fixtures()
                .admin()
                .post(
                        "/api/v1/admin/moderation/items/" + entry.get("id").asString() + "/restore",
                        Map.of("reason", "a misunderstanding"))
                .expectStatus(200);
        assertThat(ids(follower, "/api/v1/feed")).contains(hidden);
        // the hidden text never reaches readers, not through the post's earlier versions either
        assertThat(fixtures()
                        .anonymous()
                        .get("/api/v1/posts/" + hidden + "/history")
                        .expectStatus(200)
                        .body())
                .doesNotContain("for sale");
        // a later edit of the restored post keeps the text readers saw
        author.patch("/api/v1/posts/" + hidden, Map.of("text", "Get your teapot, made by hand today"))
                .expectStatus(200);
        JsonNode history = follower.get("/api/v1/posts/" + hidden + "/history")
                .expectStatus(200)
                .json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("text").asString()).isEqualTo("Get your teapot, made by hand");
    }

    /**
     * A post is published once, when readers first see it: one a rule hid when it was written when an
     * operator restores it, and neither it nor one published at once again after a later hiding and
     * restore.
     */
    @Test
    void aPostIsPublishedOnceWhenReadersFirstSeeIt() {
        String word = "pblsh" + letters();
        rule("hide", word);
        UserId author = new UserId(UUID.fromString(
                fixtures().customer().get("/api/v1/me").json().get("id").asString()));
        Posts.Post hidden = posts.create(author, "127.0.0.1", new Posts.Draft("Cheap " + word, List.of(), List.of()));
        Posts.Post shown = posts.create(author, "127.0.0.1", new Posts.Draft("A fine post", List.of(), List.of()));
        assertThat(hidden.hidden()).isTrue();
        assertThat(published(hidden.id())).isZero();
        assertThat(published(shown.id())).isOne();

        ModeratedContent moderatedPosts = moderated.stream()
                .filter(content -> content.kind() == ContentKind.POST)
                .findFirst()
                .orElseThrow();
        assertThat(moderatedPosts.restore(hidden.id())).isTrue();
        assertThat(published(hidden.id())).isOne();

        for (Posts.Post post : List.of(hidden, shown)) {
            assertThat(moderatedPosts.hide(post.id())).isTrue();
            assertThat(moderatedPosts.restore(post.id())).isTrue();
            assertThat(published(post.id())).as("post %s", post.id()).isOne();
        }
    }

    private long published(UUID post) {
        return events.stream(PostPublished.class)
                .filter(published -> published.post().equals(post))
                .count();
    }

    /** A post reports hid, edited and then restored: its reported text stays out of its history. */
    @Test
    void theTextReportsHidStaysOutOfARestoredPostsHistory() {
        ApiClient author = fixtures().customer();
        String reported = "Cheap replica watches " + CatalogFixtures.unique("");
        String id = post(author, reported);
        for (int i = 0; i < 3; i++) {
            fixtures()
                    .customer()
                    .post("/api/v1/posts/" + id + "/report", Map.of("reason", "scam"))
                    .expectStatus(201);
        }
        fixtures().anonymous().get("/api/v1/posts/" + id).expectStatus(404);
        author.patch("/api/v1/posts/" + id, Map.of("text", "A watch I repaired myself"))
                .expectStatus(200);

        JsonNode entry = entry(id);
        assertThat(entry.get("excerpt").asString()).isEqualTo(reported);
        assertThat(entry.get("edited_excerpt").asString()).isEqualTo("A watch I repaired myself");
        assertThat(PageClient.admin(port)
                        .get("/admin/moderation/items/" + entry.get("id").asString())
                        .expectStatus(200)
                        .one("main")
                        .text())
                .contains(reported, "Changed by its author since", "A watch I repaired myself");
        fixtures()
                .admin()
                .post(
                        "/api/v1/admin/moderation/items/" + entry.get("id").asString() + "/restore",
                        Map.of("reason", "fine now"))
                .expectStatus(200);

        assertThat(fixtures()
                        .anonymous()
                        .get("/api/v1/posts/" + id)
                        .expectStatus(200)
                        .json()
                        .get("text")
                        .asString())
                .isEqualTo("A watch I repaired myself");
        assertThat(fixtures()
                        .anonymous()
                        .get("/api/v1/posts/" + id + "/history")
                        .expectStatus(200)
                        .json())
                .isEmpty();
    }

    /** A comment a rule hid tells the post's author nothing; the next, fine one does. */
    @Test
    void aHiddenCommentNotifiesNoOne() {
        String word = "zqwix" + letters();
        rule("hide", word);
        ApiClient author = fixtures().customer();
        ApiClient reader = fixtures().customer();
        String post = post(author, "A post about teapots");
        int before = unread(author);

        reader.post("/api/v1/posts/" + post + "/comments", Map.of("text", "buy " + word + " now"))
                .expectStatus(201);
        reader.post("/api/v1/posts/" + post + "/comments", Map.of("text", "lovely teapot"))
                .expectStatus(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> unread(author) > before);
        assertThat(unread(author)).as("the fine comment's notice alone").isEqualTo(before + 1);
    }

    /** Whom a post's author blocked can still take back their comment and their like on it. */
    @Test
    void aBlockedMemberTakesBackTheirCommentAndLike() {
        ApiClient author = fixtures().customer();
        ApiClient reader = fixtures().customer();
        String post = post(author, "A post about kettles");
        String comment = reader.post("/api/v1/posts/" + post + "/comments", Map.of("text", "nice kettle"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        reader.put("/api/v1/posts/" + post + "/like", null).expectStatus(200);
        author.put("/api/v1/profiles/" + handle(reader) + "/block", null).expectStatus(200);

        reader.delete("/api/v1/comments/" + comment).expectStatus(204);
        reader.delete("/api/v1/posts/" + post + "/like").expectStatus(200);
        ApiClient stranger = fixtures().customer();
        author.put("/api/v1/profiles/" + handle(stranger) + "/block", null).expectStatus(200);
        // a post they neither see nor liked stays unknown to them
        stranger.delete("/api/v1/posts/" + post + "/like").expectStatus(404);

        JsonNode seen = fixtures()
                .anonymous()
                .get("/api/v1/posts/" + post)
                .expectStatus(200)
                .json();
        assertThat(seen.get("like_count").asInt()).isZero();
        assertThat(seen.get("comment_count").asInt()).isZero();
    }

    private static int unread(ApiClient member) {
        return member.get("/api/v1/me/notifications/unread-count")
                .expectStatus(200)
                .json()
                .get("unread")
                .asInt();
    }

    @Test
    void aBlockingRuleRefusesACommentAndACensoringRuleMasksAPost() {
        String blocked = "blokk" + letters();
        String masked = "maskk" + letters();
        rule("block", blocked);
        rule("censor", masked);
        ApiClient author = fixtures().customer();
        String id = post(author, "Say " + masked.toUpperCase() + " twice, " + masked);
        String text = author.get("/api/v1/posts/" + id)
                .expectStatus(200)
                .json()
                .get("text")
                .asString();
        assertThat(text).doesNotContainIgnoringCase(masked).contains("*".repeat(masked.length()));

        ApiClient commenter = fixtures().customer();
        var refused = commenter
                .post("/api/v1/posts/" + id + "/comments", Map.of("text", "you " + blocked))
                .expectStatus(422);
        assertThat(refused.json().get("type").asString()).endsWith("content-refused");
        assertThat(commenter
                        .get("/api/v1/posts/" + id + "/comments")
                        .expectStatus(200)
                        .json()
                        .get("comments"))
                .isEmpty();
    }

    @Test
    void reportsFromDistinctMembersHideAPostAndAWarningReachesItsAuthor() {
        ApiClient author = fixtures().customer();
        String id = post(author, "Cheap watches, write to me");
        for (int i = 0; i < 3; i++) {
            ApiClient reporter = fixtures().customer();
            reporter.post("/api/v1/posts/" + id + "/report", Map.of("reason", "spam"))
                    .expectStatus(201);
            if (i == 0) {
                reporter.post("/api/v1/posts/" + id + "/report", Map.of("reason", "spam"))
                        .expectStatus(409);
            }
        }
        assertThat(ids(fixtures().anonymous(), "/api/v1/explore")).doesNotContain(id);
        JsonNode entry = entry(id);
        assertThat(entry.get("reason").asString()).isEqualTo("reports");
        assertThat(entry.get("report_count").asInt()).isEqualTo(3);

        int unread = author.get("/api/v1/me/notifications/unread-count")
                .expectStatus(200)
                .json()
                .get("unread")
                .asInt();
        fixtures()
                .admin()
                .post(
                        "/api/v1/admin/moderation/items/" + entry.get("id").asString() + "/warn",
                        Map.of("reason", "no selling in posts"))
                .expectStatus(200);
        assertThat(author.get("/api/v1/me/notifications/unread-count")
                        .json()
                        .get("unread")
                        .asInt())
                .isEqualTo(unread + 1);
        assertThat(author.get("/api/v1/me/notifications")
                        .json()
                        .get("items")
                        .get(0)
                        .get("kind")
                        .asString())
                .isEqualTo("warned");
    }

    /** Each warning reaches its author, also a second one about a profile, which names no post or comment. */
    @Test
    void everyWarningAboutAProfileIsANotificationOfItsOwn() {
        String word = "wrnq" + letters();
        rule("flag", word);
        ApiClient member = fixtures().customer();
        String userId =
                member.get("/api/v1/me").expectStatus(200).json().get("id").asString();
        int before = unread(member);
        for (int i = 0; i < 2; i++) {
            member.patch("/api/v1/me/profile", Map.of("bio", "I sell " + word + " no. " + i))
                    .expectStatus(200);
            String entry = null;
            for (JsonNode open : fixtures()
                    .admin()
                    .get("/api/v1/admin/moderation/queue?kind=profile&limit=50")
                    .expectStatus(200)
                    .json()
                    .get("items")) {
                if (open.get("item_id").asString().equals(userId)) {
                    entry = open.get("id").asString();
                }
            }
            assertThat(entry).as("the profile's open entry").isNotNull();
            fixtures()
                    .admin()
                    .post(
                            "/api/v1/admin/moderation/items/" + entry + "/warn",
                            Map.of("reason", "no selling in your bio, " + (i + 1)))
                    .expectStatus(200);
        }
        assertThat(unread(member)).isEqualTo(before + 2);
        List<String> kinds = new ArrayList<>();
        member.get("/api/v1/me/notifications")
                .expectStatus(200)
                .json()
                .get("items")
                .forEach(item -> kinds.add(item.get("kind").asString()));
        assertThat(kinds).containsExactly("warned", "warned");
    }

    /** A profile moderation removed is 404 to all but its owner, its posts by handle too. */
    @Test
    void aRemovedProfilesPostsAreItsOwnersAlone() {
        ApiClient member = fixtures().customer();
        String handle = handle(member);
        UUID id = UUID.fromString(member.get("/api/v1/me").json().get("id").asString());
        String post = post(member, "My first post");
        assertThat(moderated.stream()
                        .filter(content -> content.kind() == ContentKind.PROFILE)
                        .findFirst()
                        .orElseThrow()
                        .remove(id))
                .isTrue();

        String posts = "/api/v1/profiles/" + handle + "/posts";
        fixtures().anonymous().get(posts).expectStatus(404);
        fixtures().customer().get(posts).expectStatus(404);
        assertThat(ids(member, posts)).containsExactly(post);
        new PageClient(port).get("/u/" + handle).expectStatus(404);
    }

    @Test
    void aProfilePageShowsTheMembersPosts() {
        ApiClient author = fixtures().customer();
        String text = "Morning light on the new cups " + CatalogFixtures.unique("");
        post(author, text);
        PageClient.Page profile =
                new PageClient(port).get("/u/" + handle(author)).expectStatus(200);
        assertThat(profile.one("#posts").text()).contains(text);
    }
}

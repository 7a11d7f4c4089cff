package app.dukkan.community.post;

import static app.dukkan.community.post.Members.post;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.community.Comments;
import app.dukkan.community.PostCommented;
import app.dukkan.community.Posts;
import app.dukkan.community.UserMentioned;
import app.dukkan.community.post.Members.Member;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.platform.ProblemException;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** Comments and replies through the API, and the mentions of posts and comments. */
@DukkanTest
@RecordApplicationEvents
class CommentApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProfileDirectory profiles;

    @Autowired
    List<ModeratedContent> moderated;

    @Autowired
    Posts posts;

    @Autowired
    Comments comments;

    @Autowired
    ApplicationEvents events;

    Shop shop;
    Members members;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        members = new Members(shop.catalog(), profiles, jdbc);
    }

    @Test
    void aCommentHiddenByReportsTakesItsRepliesOutOfTheCountWithIt() {
        Member author = members.member();
        Member reader = members.member();
        String post = post(author, "what do you think?");
        String path = "/api/v1/posts/" + post + "/comments";
        String first = commented(reader, path, Map.of("text", "something rude"));
        String reply = commented(author, path, Map.of("text", "please don't", "parent_id", first));
        author.api().post(path, Map.of("text", "anyone else?")).expectStatus(201);

        // enough reports from distinct members hide the comment (dukkan.moderation.auto-hide-reports: 3)
        for (int i = 0; i < 3; i++) {
            members.member()
                    .api()
                    .post("/api/v1/comments/" + first + "/report", Map.of("reason", "spam"))
                    .expectStatus(201);
        }

        JsonNode page = shop.guest().get(path).expectStatus(200).json();
        assertThat(page.get("comments")).hasSize(1);
        assertThat(commentCount(post))
                .as("the reply under the hidden comment is not shown, so not counted")
                .isEqualTo(1);
        // a reply to that reply would go under the hidden comment, counted where no reader sees it
        members.member()
                .api()
                .post(path, Map.of("text", "me too", "parent_id", reply))
                .expectStatus(422);
        assertThat(commentCount(post)).isEqualTo(1);
    }

    @Test
    void repliesAreOneLevelDeepAndCountsFollow() {
        Member author = members.member();
        Member reader = members.member();
        String post = post(author, "talk to me");
        String path = "/api/v1/posts/" + post + "/comments";

        String first = commented(reader, path, Map.of("text", "first!"));
        String reply = commented(author, path, Map.of("text", "thanks", "parent_id", first));
        JsonNode deeper = reader.api()
                .post(path, Map.of("text", "you're welcome", "parent_id", reply))
                .expectStatus(201)
                .json();
        assertThat(deeper.get("parent_id").asString()).isEqualTo(first);
        reader.api().post(path, Map.of("text", "second")).expectStatus(201);

        JsonNode page = shop.guest().get(path).expectStatus(200).json();
        assertThat(page.get("comments")).hasSize(2);
        assertThat(page.get("comments").get(0).get("text").asString()).isEqualTo("first!");
        assertThat(page.get("comments").get(0).get("replies")).hasSize(2);
        assertThat(commentCount(post)).isEqualTo(4);

        JsonNode firstPage =
                shop.guest().get(path + "?limit=1").expectStatus(200).json();
        assertThat(firstPage.get("comments")).hasSize(1);
        JsonNode secondPage = shop.guest()
                .get(path + "?limit=1&cursor=" + firstPage.get("next_cursor").asString())
                .expectStatus(200)
                .json();
        assertThat(secondPage.get("comments").get(0).get("text").asString()).isEqualTo("second");

        author.api()
                .patch("/api/v1/comments/" + first, Map.of("text", "mine now"))
                .expectStatus(403);
        reader.api()
                .patch("/api/v1/comments/" + first, Map.of("text", "first, edited"))
                .expectStatus(200);
        author.api().delete("/api/v1/comments/" + first).expectStatus(403);
        reader.api().delete("/api/v1/comments/" + first).expectStatus(204);
        assertThat(shop.guest().get(path).json().get("comments")).hasSize(1);
        assertThat(commentCount(post)).isEqualTo(1);
    }

    @Test
    void badCommentsAreRefused() {
        Member author = members.member();
        Member reader = members.member();
        String post = post(author, "comment carefully");
        String path = "/api/v1/posts/" + post + "/comments";

        reader.api().post(path, Map.of("text", "x".repeat(1001))).expectStatus(400);
        reader.api().post(path, Map.of("text", " ")).expectStatus(400);
        reader.api()
                .post(
                        path,
                        Map.of(
                                "text",
                                "to nobody",
                                "parent_id",
                                UUID.randomUUID().toString()))
                .expectStatus(422);
        reader.api()
                .post("/api/v1/posts/" + UUID.randomUUID() + "/comments", Map.of("text", "hi"))
                .expectStatus(404);
        reader.api().get(path + "?cursor=nonsense").expectStatus(400);
        shop.guest().post(path, Map.of("text", "signed out")).expectStatus(401);

        String other = post(author, "another post");
        String elsewhere = reader.api()
                .post("/api/v1/posts/" + other + "/comments", Map.of("text", "elsewhere"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        reader.api()
                .post(path, Map.of("text", "cross-post reply", "parent_id", elsewhere))
                .expectStatus(422);

        moderated.stream()
                .filter(m -> m.kind() == ContentKind.POST)
                .findFirst()
                .orElseThrow()
                .hide(UUID.fromString(post));
        reader.api().post(path, Map.of("text", "on a hidden post")).expectStatus(404);
        reader.api().get(path).expectStatus(404);
        assertThat(jdbc.sql("select count(*) from community_comments where post_id = ?")
                        .param(UUID.fromString(post))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aHiddenCommentShowsToItsAuthorAlone() {
        Member author = members.member();
        Member reader = members.member();
        String post = post(author, "moderated talk");
        String path = "/api/v1/posts/" + post + "/comments";
        String comment = commented(reader, path, Map.of("text", "rude"));

        moderated.stream()
                .filter(m -> m.kind() == ContentKind.COMMENT)
                .findFirst()
                .orElseThrow()
                .hide(UUID.fromString(comment));

        assertThat(author.api().get(path).json().get("comments")).isEmpty();
        assertThat(reader.api()
                        .get(path)
                        .json()
                        .get("comments")
                        .get(0)
                        .get("hidden")
                        .asBoolean())
                .isTrue();
        assertThat(commentCount(post)).isZero();
    }

    @Test
    void mentionsAnnounceEachMemberOnceButNotTheWriterNorAcrossABlock() {
        Member writer = members.member();
        Member friend = members.member();
        Member blocker = members.member();
        members.block(blocker, writer);

        Posts.Post post = posts.create(
                writer.id(),
                "127.0.0.1",
                new Posts.Draft(
                        "@" + friend.handle() + " and @" + friend.handle().toUpperCase() + " meet @" + writer.handle()
                                + " and @" + blocker.handle() + ", mail me at x@" + friend.handle(),
                        List.of(),
                        List.of()));
        assertThat(events.stream(UserMentioned.class).filter(m -> m.post().equals(post.id())))
                .containsExactly(new UserMentioned(friend.id(), writer.id(), post.id(), null));

        Comments.Comment comment =
                comments.create(friend.id(), "127.0.0.1", post.id(), "@" + writer.handle() + " yes", null);
        assertThat(events.stream(UserMentioned.class).filter(m -> comment.id().equals(m.comment())))
                .containsExactly(new UserMentioned(writer.id(), friend.id(), post.id(), comment.id()));
        assertThat(events.stream(PostCommented.class))
                .contains(new PostCommented(post.id(), comment.id(), writer.id(), friend.id(), null));
    }

    /**
     * A post moderation hid is its author's alone: their comments and replies on it mention no one
     * and tell no one of themselves, not even the writer of a comment made before it was hidden.
     */
    @Test
    void commentsOnAHiddenPostTellNoOne() {
        Member author = members.member();
        Member reader = members.member();
        Member friend = members.member();
        UUID post = UUID.fromString(post(author, "my teapots"));
        UUID earlier =
                comments.create(reader.id(), "127.0.0.1", post, "nice", null).id();
        content(ContentKind.POST).hide(post);

        UUID own = comments.create(author.id(), "127.0.0.1", post, "@" + friend.handle() + " look", null)
                .id();
        UUID reply = comments.create(author.id(), "127.0.0.1", post, "@" + reader.handle() + " thanks", earlier)
                .id();

        assertThat(events.stream(UserMentioned.class).filter(m -> own.equals(m.comment()) || reply.equals(m.comment())))
                .isEmpty();
        assertThat(events.stream(PostCommented.class)
                        .filter(c -> c.comment().equals(own) || c.comment().equals(reply)))
                .isEmpty();
    }

    /**
     * A mention reaches only members who may read the comment: none blocked with its writer, the
     * post's author or, for a reply, the author of the comment it goes under.
     */
    @Test
    void mentionsReachOnlyMembersWhoMayReadTheComment() {
        Member author = members.member();
        Member writer = members.member();
        Member threadStarter = members.member();
        Member friend = members.member();
        Member blockedByAuthor = members.member();
        Member blockingTheThread = members.member();
        members.block(author, blockedByAuthor);
        members.block(blockingTheThread, threadStarter);
        UUID post = UUID.fromString(post(author, "ask me"));
        UUID thread = comments.create(threadStarter.id(), "127.0.0.1", post, "a question", null)
                .id();

        UUID comment = comments.create(
                        writer.id(),
                        "127.0.0.1",
                        post,
                        "@" + friend.handle() + " @" + blockedByAuthor.handle() + " @" + blockingTheThread.handle(),
                        null)
                .id();
        UUID reply = comments.create(
                        writer.id(),
                        "127.0.0.1",
                        post,
                        "@" + friend.handle() + " @" + blockedByAuthor.handle() + " @" + blockingTheThread.handle(),
                        thread)
                .id();

        assertThat(events.stream(UserMentioned.class).filter(m -> comment.equals(m.comment())))
                .extracting(UserMentioned::mentioned)
                .containsExactlyInAnyOrder(friend.id(), blockingTheThread.id());
        assertThat(events.stream(UserMentioned.class).filter(m -> reply.equals(m.comment())))
                .extracting(UserMentioned::mentioned)
                .containsExactly(friend.id());
    }

    /**
     * A reply is read under its top-level comment: by id too, it is 404 where that comment is, for
     * moderation's hiding or removal and across a block with its author.
     */
    @Test
    void aReplyIsReadableOnlyWhereItsCommentIs() {
        Member author = members.member();
        Member starter = members.member();
        Member replier = members.member();
        Member blocked = members.member();
        String post = post(author, "thoughts?");
        String path = "/api/v1/posts/" + post + "/comments";
        String comment = commented(starter, path, Map.of("text", "mine"));
        String reply = commented(replier, path, Map.of("text", "agreed", "parent_id", comment));
        members.block(starter, blocked);

        blocked.api().get("/api/v1/comments/" + reply).expectStatus(404);
        shop.guest().get("/api/v1/comments/" + reply).expectStatus(200);

        content(ContentKind.COMMENT).hide(UUID.fromString(comment));
        shop.guest().get("/api/v1/comments/" + reply).expectStatus(404);
        replier.api().get("/api/v1/comments/" + reply).expectStatus(404);
        starter.api().get("/api/v1/comments/" + reply).expectStatus(200);

        content(ContentKind.COMMENT).remove(UUID.fromString(comment));
        starter.api().get("/api/v1/comments/" + reply).expectStatus(404);
    }

    /**
     * What goes with a deleted comment or post (its replies, its comments) leaves the moderation
     * queue with it, and cannot be reported into it again.
     */
    @Test
    void deletingACommentOrAPostClosesTheEntriesOfAllThatWentWithIt() {
        Member author = members.member();
        Member commenter = members.member();
        Member replier = members.member();
        Member reporter = members.member();
        String post = post(author, "a post to talk under");
        String path = "/api/v1/posts/" + post + "/comments";
        String comment = commented(commenter, path, Map.of("text", "first"));
        String reply = commented(replier, path, Map.of("text", "a reply", "parent_id", comment));
        String other = commented(commenter, path, Map.of("text", "second"));
        String otherReply = commented(replier, path, Map.of("text", "another reply", "parent_id", other));
        for (String item : List.of(reply, other, otherReply)) {
            reporter.api()
                    .post("/api/v1/comments/" + item + "/report", Map.of("reason", "spam"))
                    .expectStatus(201);
        }
        reporter.api()
                .post("/api/v1/posts/" + post + "/report", Map.of("reason", "spam"))
                .expectStatus(201);

        commenter.api().delete("/api/v1/comments/" + comment).expectStatus(204);
        assertThat(entryState(reply)).isEqualTo("resolved deleted");
        assertThat(entryState(other)).isEqualTo("open null");

        author.api().delete("/api/v1/posts/" + post).expectStatus(204);
        for (String item : List.of(post, other, otherReply)) {
            assertThat(entryState(item)).as(item).isEqualTo("resolved deleted");
        }
        members.member()
                .api()
                .post("/api/v1/comments/" + otherReply + "/report", Map.of("reason", "spam"))
                .expectStatus(404);
        assertThat(entryState(otherReply)).isEqualTo("resolved deleted");
    }

    /** The state and resolution of the item's queue entry. */
    private String entryState(String item) {
        return jdbc.sql("select state || ' ' || coalesce(resolution, 'null') from moderation_entries where item_id = ?")
                .param(UUID.fromString(item))
                .query(String.class)
                .single();
    }

    private ModeratedContent content(ContentKind kind) {
        return moderated.stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
    }

    /**
     * A page of comments shows each one's first replies and how many more there are; the rest come a
     * page at a time from the comment's replies, over the API and on a page of their own.
     */
    @Test
    void aCrowdedThreadShowsItsFirstRepliesAndPagesTheRest() {
        Member author = members.member();
        Member reader = members.member();
        String post = post(author, "ask me anything");
        String path = "/api/v1/posts/" + post + "/comments";
        String first = commented(reader, path, Map.of("text", "question"));
        String quiet = commented(reader, path, Map.of("text", "no replies here"));
        for (int i = 1; i <= Comments.REPLIES_SHOWN + 3; i++) {
            commented(i % 2 == 0 ? author : reader, path, Map.of("text", "answer " + i, "parent_id", first));
        }

        JsonNode page = shop.guest().get(path).expectStatus(200).json();
        JsonNode crowded = page.get("comments").get(0);
        assertThat(crowded.get("replies")).hasSize(Comments.REPLIES_SHOWN);
        assertThat(crowded.get("replies").get(0).get("text").asString()).isEqualTo("answer 1");
        assertThat(crowded.get("more_replies").asInt()).isEqualTo(3);
        assertThat(page.get("comments").get(1).get("more_replies").asInt()).isZero();

        List<String> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode replies = shop.guest()
                    .get("/api/v1/comments/" + first + "/replies?limit=5" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus(200)
                    .json();
            replies.get("comments").forEach(reply -> all.add(reply.get("text").asString()));
            cursor = replies.has("next_cursor") ? replies.get("next_cursor").asString() : null;
        } while (cursor != null);
        assertThat(all)
                .hasSize(Comments.REPLIES_SHOWN + 3)
                .startsWith("answer 1")
                .endsWith("answer 13");
        String aReply =
                page.get("comments").get(0).get("replies").get(0).get("id").asString();
        shop.guest().get("/api/v1/comments/" + aReply + "/replies").expectStatus(404);
        shop.guest().get("/api/v1/comments/" + UUID.randomUUID() + "/replies").expectStatus(404);
        shop.guest().get("/api/v1/comments/" + quiet + "/replies?limit=0").expectStatus(400);

        // the pages, without JavaScript: a link under the crowded comment to its thread's page
        PageClient guest = new PageClient(port);
        PageClient.Page postPage = guest.get("/posts/" + post).expectStatus(200);
        var more = postPage.html().select("#comments .comment__more a");
        assertThat(more).hasSize(1);
        assertThat(more.text()).isEqualTo("Show 3 more replies");
        PageClient.Page thread = guest.get(more.attr("href")).expectStatus(200);
        assertThat(thread.one("h1").text()).startsWith("Replies to");
        assertThat(thread.html().select(".comment-list--replies .comment__text").eachText())
                .hasSize(Comments.REPLIES_SHOWN + 3)
                .startsWith("answer 1");
        assertThat(guest.get("/posts/" + post + "/comments/" + aReply).location())
                .as("a reply's address leads to its comment's")
                .isEqualTo("/posts/" + post + "/comments/" + first);
        assertThat(guest.get("/posts/" + UUID.randomUUID() + "/comments/" + first)
                        .status())
                .isEqualTo(404);
    }

    /**
     * A comment moderation hid takes no replies, not even from its writer, who alone sees it: the
     * reply would be counted and announced where no reader sees it. Its page offers no reply form.
     */
    @Test
    void aHiddenCommentTakesNoRepliesNotEvenFromItsWriter() {
        Member author = members.member();
        Member writer = members.member();
        String post = post(author, "what do you make?");
        String path = "/api/v1/posts/" + post + "/comments";
        String comment = commented(writer, path, Map.of("text", "tables"));
        commented(author, path, Map.of("text", "nice", "parent_id", comment));
        String open = commented(author, path, Map.of("text", "chairs here"));
        moderated.stream()
                .filter(m -> m.kind() == ContentKind.COMMENT)
                .findFirst()
                .orElseThrow()
                .hide(UUID.fromString(comment));
        long announced = events.stream(PostCommented.class).count();

        JsonNode refused = writer.api()
                .post(path, Map.of("text", "@" + author.handle() + " see my reply", "parent_id", comment))
                .expectStatus(422)
                .json();
        assertThat(refused.get("type").asString()).endsWith("/hidden-parent");
        assertThat(refused.get("detail").asString()).contains("hidden pending review");
        assertThat(events.stream(PostCommented.class).count()).isEqualTo(announced);
        assertThat(events.stream(UserMentioned.class).filter(m -> m.by().equals(writer.id())))
                .isEmpty();
        assertThat(commentCount(post)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from community_comments where post_id = ?")
                        .param(UUID.fromString(post))
                        .query(Long.class)
                        .single())
                .isEqualTo(3);

        String email = writer.api().get("/api/v1/me").json().get("email").asString();
        PageClient.Page page = PageClient.signedIn(port, email, "correct horse 42")
                .get("/posts/" + post)
                .expectStatus(200);
        assertThat(page.html().select("#comment-" + comment)).hasSize(1);
        assertThat(page.html().select("input[name=parent_id][value=" + comment + "]"))
                .isEmpty();
        assertThat(page.html().select("input[name=parent_id][value=" + open + "]"))
                .hasSize(1);
    }

    /**
     * Replies written while their comment is being deleted: each one either lands before the delete,
     * which takes it along, or is refused after it; none stays counted under the deleted comment.
     */
    @Test
    void repliesRacingTheirCommentsDeleteAreNeverCountedUnderIt() throws Exception {
        Member author = members.member();
        List<Member> repliers = List.of(members.member(), members.member(), members.member(), members.member());
        UUID post = UUID.fromString(post(author, "quick, reply"));
        ExecutorService pool = Executors.newFixedThreadPool(repliers.size() + 1);
        try {
            for (int round = 0; round < 15; round++) {
                UUID comment = comments.create(author.id(), "127.0.0.1", post, "round " + round, null)
                        .id();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> racing = new ArrayList<>();
                for (Member replier : repliers) {
                    racing.add(pool.submit(() -> {
                        start.await();
                        try {
                            comments.create(replier.id(), "127.0.0.1", post, "me first", comment);
                        } catch (ProblemException refused) {
                            assertThat(refused.status().value()).isEqualTo(422);
                        }
                        return null;
                    }));
                }
                racing.add(pool.submit(() -> {
                    start.await();
                    comments.delete(author.id(), comment);
                    return null;
                }));
                start.countDown();
                for (Future<?> done : racing) {
                    done.get();
                }
                assertThat(jdbc.sql("""
                                select count(*) from community_comments
                                where parent_id = ? and status = 'visible'""").param(comment).query(Long.class).single())
                        .as("round %d: replies left visible under the deleted comment", round)
                        .isZero();
                assertThat(commentCount(post.toString())).as("round %d", round).isZero();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * A block between a comment's author and a member, either way, keeps the comment and its
     * replies from the member and refuses their replies under it, whoever wrote the post.
     */
    @Test
    void aBlockKeepsACommentsAuthorAndTheBlockedApartOnTheComment() {
        Member author = members.member();
        Member blocker = members.member();
        Member blocked = members.member();
        String post = post(author, "open to all");
        String path = "/api/v1/posts/" + post + "/comments";
        String comment = commented(blocker, path, Map.of("text", "my thoughts"));
        String reply = commented(author, path, Map.of("text", "agreed", "parent_id", comment));
        members.block(blocker, blocked);

        for (Member member : List.of(blocked, blocker)) {
            Member other = member == blocked ? blocker : blocked;
            String theirs = member == blocked ? comment : commented(blocked, path, Map.of("text", "mine"));
            JsonNode refused = member.api()
                    .post(path, Map.of("text", "a word", "parent_id", theirs))
                    .expectStatus(403)
                    .json();
            assertThat(refused.get("type").asString()).endsWith("/blocked");
            assertThat(refused.get("detail").asString()).contains("blocked");
            member.api().get("/api/v1/comments/" + theirs).expectStatus(404);
            member.api().get("/api/v1/comments/" + theirs + "/replies").expectStatus(404);
            other.api().get("/api/v1/comments/" + theirs).expectStatus(200);
        }
        // a reply to someone else's reply in the blocker's thread goes under the blocker's comment
        blocked.api().post(path, Map.of("text", "me too", "parent_id", reply)).expectStatus(403);
        // the post's author and strangers still see it all
        author.api().get("/api/v1/comments/" + comment + "/replies").expectStatus(200);
        shop.guest().get("/api/v1/comments/" + comment).expectStatus(200);
        assertThat(commentCount(post)).isEqualTo(3);
    }

    /** The post's comment count as anyone reads it. */
    private int commentCount(String post) {
        return shop.guest()
                .get("/api/v1/posts/" + post)
                .json()
                .get("comment_count")
                .asInt();
    }

    /** The member comments on the post at {@code path}; answers the comment's id. */
    private static String commented(Member member, String path, Map<String, Object> comment) {
        return member.api()
                .post(path, comment)
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
    }
}

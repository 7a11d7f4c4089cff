package app.dukkan.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@DukkanTest
@Import(TestPosts.class)
class ModerationApiTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPosts.Store posts;

    @Autowired
    Moderation moderation;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    /** Reporters shared by the tests (each report is of a new post), as signing up takes a while. */
    private static final List<ApiClient> REPORTERS = new ArrayList<>();

    private synchronized ApiClient reporter(int index) {
        while (REPORTERS.size() <= index) {
            REPORTERS.add(fixtures().customer());
        }
        return REPORTERS.get(index);
    }

    private CatalogFixtures fixtures() {
        return new CatalogFixtures(port);
    }

    private static UserId id(ApiClient client) {
        return new UserId(
                UUID.fromString(client.get("/api/v1/me").json().get("id").asString()));
    }

    private JsonNode rule(String name, String kind, String action, String... terms) {
        return fixtures()
                .admin()
                .post(
                        "/api/v1/admin/moderation/rules",
                        Map.of(
                                "name",
                                name,
                                "kind",
                                kind,
                                "terms",
                                List.of(terms),
                                "severity",
                                "high",
                                "action",
                                action))
                .expectStatus(201)
                .json();
    }

    private void deleteRule(JsonNode rule) {
        fixtures()
                .admin()
                .delete("/api/v1/admin/moderation/rules/" + rule.get("id").asString())
                .expectStatus(204);
    }

    private long audited(String action, String target) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target_id = ?")
                .params(action, target)
                .query(Long.class)
                .single();
    }

    private JsonNode entryOf(UUID post) {
        String id = jdbc.sql("select id::text from moderation_entries where item_kind = 'post' and item_id = ?")
                .param(post)
                .query(String.class)
                .single();
        return fixtures()
                .admin()
                .get("/api/v1/admin/moderation/items/" + id)
                .expectStatus(200)
                .json();
    }

    @Test
    void adminsManageRulesAndEveryoneElseIsRefused() {
        ApiClient admin = fixtures().admin();
        JsonNode created =
                rule(CatalogFixtures.unique("Insults "), "keyword", "censor", "dimwit", " dimwit ", "dummkopf");
        String id = created.get("id").asString();
        assertThat(created.get("terms").valueStream().map(JsonNode::asString)).containsExactly("dimwit", "dummkopf");
        assertThat(created.get("created_by").asString()).isEqualTo(CatalogFixtures.ADMIN_EMAIL);
        assertThat(audited("moderation.rule-created", id)).isOne();

        admin.post(
                        "/api/v1/admin/moderation/rules",
                        Map.of(
                                "name",
                                created.get("name").asString(),
                                "kind",
                                "keyword",
                                "terms",
                                List.of("x1"),
                                "severity",
                                "low",
                                "action",
                                "flag"))
                .expectStatus(409);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("name", "b1", "kind", "word", "terms", List.of("x"), "severity", "low", "action", "flag"),
                Map.of("name", "b2", "kind", "keyword", "terms", List.of(), "severity", "low", "action", "flag"),
                Map.of("name", "b3", "kind", "keyword", "terms", List.of("!!!"), "severity", "low", "action", "flag"),
                Map.of("name", "b4", "kind", "pattern", "terms", List.of("(a"), "severity", "low", "action", "flag"),
                Map.of(
                        "name",
                        "b5",
                        "kind",
                        "pattern",
                        "terms",
                        List.of("(a)\\1"),
                        "severity",
                        "low",
                        "action",
                        "flag"),
                Map.of(
                        "name",
                        "b6",
                        "kind",
                        "pattern",
                        "terms",
                        List.of("a(?=b)"),
                        "severity",
                        "low",
                        "action",
                        "flag"),
                Map.of("name", "b7", "kind", "pattern", "terms", List.of("a*"), "severity", "low", "action", "flag"),
                Map.of(
                        "name",
                        "b10",
                        "kind",
                        "pattern",
                        "terms",
                        List.of("((a{20}){20}){1000}"),
                        "severity",
                        "low",
                        "action",
                        "flag"),
                Map.of(
                        "name",
                        "b11",
                        "kind",
                        "pattern",
                        "terms",
                        List.of("a{2}b{2}c{2}d{2}"),
                        "severity",
                        "low",
                        "action",
                        "flag"),
                Map.of("name", "b8", "kind", "keyword", "terms", List.of("x"), "severity", "huge", "action", "flag"),
                Map.of("name", "b9", "kind", "keyword", "terms", List.of("x"), "severity", "low", "action", "ban"),
                Map.of("name", "", "kind", "keyword", "terms", List.of("x"), "severity", "low", "action", "flag"))) {
            assertThat(admin.post("/api/v1/admin/moderation/rules", bad).status())
                    .as(bad.toString())
                    .isEqualTo(400);
        }

        JsonNode changed = admin.patch("/api/v1/admin/moderation/rules/" + id, Map.of("active", false))
                .expectStatus(200)
                .json();
        assertThat(changed.get("active").asBoolean()).isFalse();
        assertThat(changed.get("action").asString()).isEqualTo("censor");
        assertThat(admin.post("/api/v1/admin/moderation/rules/test", Map.of("text", "you dimwit"))
                        .expectStatus(200)
                        .json()
                        .get("action")
                        .asString())
                .isEqualTo("none");

        fixtures().customer().get("/api/v1/admin/moderation/rules").expectStatus(403);
        fixtures().seller().get("/api/v1/admin/moderation/rules").expectStatus(403);
        fixtures().seller().get("/api/v1/admin/moderation/queue").expectStatus(403);
        fixtures().anonymous().get("/api/v1/admin/moderation/rules").expectStatus(401);
        admin.get("/api/v1/admin/moderation/rules/" + UUID.randomUUID()).expectStatus(404);

        admin.delete("/api/v1/admin/moderation/rules/" + id).expectStatus(204);
        admin.delete("/api/v1/admin/moderation/rules/" + id).expectStatus(404);
        assertThat(audited("moderation.rule-deleted", id)).isOne();
    }

    @Test
    void theTestBoxShowsMatchesWhereTheyAreAndTheCensoredText() {
        JsonNode rule = rule(CatalogFixtures.unique("Censor "), "keyword", "censor", "nitwit");
        try {
            JsonNode answer = fixtures()
                    .admin()
                    .post("/api/v1/admin/moderation/rules/test", Map.of("text", "you n.1.t.w.1.t!"))
                    .expectStatus(200)
                    .json();
            assertThat(answer.get("action").asString()).isEqualTo("censor");
            assertThat(answer.get("censored").asString()).isEqualTo("you *.*.*.*.*.*!");
            JsonNode match = answer.get("matches").get(0);
            assertThat(match.get("text").asString()).isEqualTo("n.1.t.w.1.t");
            assertThat(match.get("start").asInt()).isEqualTo(4);
            assertThat(match.get("rule").asString()).isEqualTo(rule.get("name").asString());
            fixtures()
                    .admin()
                    .post("/api/v1/admin/moderation/rules/test", Map.of("text", "x".repeat(5_001)))
                    .expectStatus(400);
        } finally {
            deleteRule(rule);
        }
    }

    @Test
    void screeningBlocksHidesFlagsAndCensors() {
        JsonNode block = rule(CatalogFixtures.unique("Block "), "keyword", "block", "forbiddenword");
        JsonNode hide = rule(CatalogFixtures.unique("Hide "), "pattern", "hide", "buy (cheap )?pills");
        JsonNode censor = rule(CatalogFixtures.unique("Censor "), "keyword", "censor", "halfwit");
        try {
            UserId author = id(fixtures().customer());
            UUID post = posts.add(author, "");
            ContentRef ref = new ContentRef(ContentKind.POST, post);

            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> moderation.screen(
                            ref, author, List.of("ok", "a F0RBIDDEN-word? no: f o r b i d d e n w o r d"))))
                    .isInstanceOfSatisfying(ProblemException.class, refused -> {
                        assertThat(refused.status().value()).isEqualTo(422);
                        assertThat(refused.type()).isEqualTo("content-refused");
                        assertThat(refused.getMessage()).contains("f o r b i d d e n w o r d");
                    });
            assertThat(jdbc.sql("select count(*) from moderation_entries where item_id = ?")
                            .param(post)
                            .query(Long.class)
                            .single())
                    .isZero();

            Screening screening = transactions.execute(
                    status -> moderation.screen(ref, author, List.of("Halfwit name", "BUY CHEAP P1LLS now")));
            assertThat(screening.hidden()).isTrue();
            assertThat(screening.flagged()).isTrue();
            assertThat(screening.texts()).containsExactly("******* name", "BUY CHEAP P1LLS now");
            assertThat(screening.rules())
                    .containsExactly(
                            hide.get("name").asString(), censor.get("name").asString());
            assertThat(posts.events).contains(new ContentFlagged(ref, author, "rule", true, screening.rules(), 1));
            // screened again while its entry waits: the entry is updated, nothing new is raised
            transactions.executeWithoutResult(
                    status -> moderation.screen(ref, author, List.of("Halfwit", "buy pills, buy pills")));
            assertThat(posts.events.stream()
                            .filter(event -> event instanceof ContentFlagged flagged
                                    && flagged.item().equals(ref)))
                    .hasSize(1);

            JsonNode entry = entryOf(post);
            assertThat(entry.get("state").asString()).isEqualTo("open");
            assertThat(entry.get("reason").asString()).isEqualTo("rule");
            assertThat(entry.get("hidden").asBoolean()).isTrue();
            assertThat(entry.get("path").asString()).isEqualTo("/posts/" + post);
            assertThat(entry.get("rules").valueStream().map(JsonNode::asString))
                    .contains(hide.get("name").asString());

            Screening clean = transactions.execute(status -> moderation.screen(ref, author, "a classy text"));
            assertThat(clean.flagged()).isFalse();
            assertThat(clean.text()).isEqualTo("a classy text");

            transactions.executeWithoutResult(status -> moderation.forget(ref));
            assertThat(entryOf(post).get("resolution").asString()).isEqualTo("deleted");
        } finally {
            deleteRule(block);
            deleteRule(hide);
            deleteRule(censor);
        }
    }

    @Test
    void reportsAreCheckedCountedOncePerUserAndHideTheItemAtTheThreshold() {
        ApiClient author = fixtures().customer();
        UUID post = posts.add(id(author), "look at this");
        String path = "/api/v1/posts/" + post + "/report";

        fixtures().anonymous().post(path, Map.of("reason", "spam")).expectStatus(401);
        author.post(path, Map.of("reason", "spam")).expectStatus(422);
        ApiClient first = reporter(0);
        first.post(path, Map.of("reason", "rude")).expectStatus(400);
        first.post(path, Map.of("reason", "spam", "note", "x".repeat(501))).expectStatus(400);
        first.post("/api/v1/posts/" + UUID.randomUUID() + "/report", Map.of("reason", "spam"))
                .expectStatus(404);
        first.post("/api/v1/posts/not-an-id/report", Map.of("reason", "spam")).expectStatus(404);

        JsonNode filed = first.post(path, Map.of("reason", "spam", "note", "ads"))
                .expectStatus(201)
                .json();
        assertThat(filed.get("reason").asString()).isEqualTo("spam");
        first.post(path, Map.of("reason", "scam")).expectStatus(409);
        assertThat(posts.state(post)).isEqualTo(ModeratedContent.State.VISIBLE);

        JsonNode entry = entryOf(post);
        assertThat(entry.get("report_count").asInt()).isOne();
        assertThat(entry.get("reports").get(0).get("note").asString()).isEqualTo("ads");
        assertThat(entry.get("hidden").asBoolean()).isFalse();

        reporter(1).post(path, Map.of("reason", "harassment")).expectStatus(201);
        reporter(2).post(path, Map.of("reason", "other")).expectStatus(201);
        assertThat(posts.state(post)).isEqualTo(ModeratedContent.State.HIDDEN);
        entry = entryOf(post);
        assertThat(entry.get("hidden").asBoolean()).isTrue();
        assertThat(entry.get("reason").asString()).isEqualTo("reports");
        assertThat(entry.get("reports")).hasSize(3);
        // hidden, it is not visible to others any more: nothing to report
        reporter(3).post(path, Map.of("reason", "other")).expectStatus(404);
    }

    @Test
    void concurrentReportsAreAllCountedAndHideOnce() throws Exception {
        UUID post = posts.add(id(fixtures().customer()), "popular");
        List<ApiClient> reporters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reporters.add(reporter(i));
        }
        int hidesBefore = posts.hides.get();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> reports = reporters.stream()
                    .<Callable<Integer>>map(
                            client -> () -> client.post("/api/v1/posts/" + post + "/report", Map.of("reason", "spam"))
                                    .status())
                    .toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(reports)) {
                statuses.add(answer.get());
            }
            // reports that arrived after the item was hidden no longer see it
            assertThat(statuses).containsOnly(201, 404).contains(201);
            long filed = statuses.stream().filter(s -> s == 201).count();
            assertThat(entryOf(post).get("report_count").asInt()).isEqualTo((int) filed);
        } finally {
            pool.shutdown();
        }
        assertThat(posts.hides.get() - hidesBefore).isOne();
    }

    @Test
    void reportsPerUserAreLimited() {
        ApiClient reporter = fixtures().customer();
        UserId author = id(fixtures().customer());
        int status = 0;
        for (int i = 0; i < 21 && status != 429; i++) {
            status = reporter.post("/api/v1/posts/" + posts.add(author, "p" + i) + "/report", Map.of("reason", "spam"))
                    .status();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void operatorsRestoreRemoveWarnAndDisableAuthorsWithAReasonAndAnAuditEntry() {
        ApiClient authorClient = fixtures().customer();
        UserId author = id(authorClient);
        ApiClient admin = fixtures().admin();
        List<String> entries = new ArrayList<>();
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID post = posts.add(author, "post " + i);
            items.add(post);
            for (int r = 0; r < 3; r++) {
                fixtures()
                        .customer()
                        .post("/api/v1/posts/" + post + "/report", Map.of("reason", "spam"))
                        .expectStatus(201);
            }
            entries.add(entryOf(post).get("id").asString());
        }
        String base = "/api/v1/admin/moderation/items/";
        admin.post(base + entries.get(0) + "/restore", Map.of("reason", " ")).expectStatus(400);
        admin.post(base + entries.get(0) + "/restore", Map.of()).expectStatus(400);
        fixtures()
                .seller()
                .post(base + entries.get(0) + "/restore", Map.of("reason", "fine"))
                .expectStatus(403);
        admin.post(base + UUID.randomUUID() + "/restore", Map.of("reason", "fine"))
                .expectStatus(404);

        JsonNode restored = admin.post(base + entries.get(0) + "/restore", Map.of("reason", "harmless"))
                .expectStatus(200)
                .json();
        assertThat(restored.get("state").asString()).isEqualTo("resolved");
        assertThat(restored.get("resolution").asString()).isEqualTo("restored");
        assertThat(posts.state(items.get(0))).isEqualTo(ModeratedContent.State.VISIBLE);
        assertThat(audited("moderation.restored", entries.get(0))).isOne();
        admin.post(base + entries.get(0) + "/remove", Map.of("reason", "again")).expectStatus(409);

        admin.post(base + entries.get(1) + "/remove", Map.of("reason", "spam")).expectStatus(200);
        assertThat(posts.state(items.get(1))).isEqualTo(ModeratedContent.State.REMOVED);
        assertThat(audited("moderation.removed", entries.get(1))).isOne();

        admin.post(base + entries.get(2) + "/warn", Map.of("reason", "mind your words"))
                .expectStatus(200);
        assertThat(posts.events)
                .contains(new AuthorWarned(author, new ContentRef(ContentKind.POST, items.get(2)), "mind your words"));
        assertThat(jdbc.sql("select count(*) from moderation_warnings where author_id = ?")
                        .param(author.value())
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(audited("moderation.warned", entries.get(2))).isOne();

        admin.post(base + entries.get(3) + "/disable-author", Map.of("reason", "spammer"))
                .expectStatus(200);
        assertThat(audited("moderation.author-disabled", entries.get(3))).isOne();
        authorClient.get("/api/v1/me").expectStatus(401);

        JsonNode resolved = admin.get("/api/v1/admin/moderation/queue?state=resolved&kind=post&limit=2")
                .expectStatus(200)
                .json();
        assertThat(resolved.get("items")).hasSize(2);
        String next = resolved.get("next").asString();
        JsonNode more = admin.get("/api/v1/admin/moderation/queue?state=resolved&kind=post&limit=2&cursor=" + next)
                .expectStatus(200)
                .json();
        assertThat(more.get("items").get(0).get("id").asString())
                .isNotEqualTo(resolved.get("items").get(1).get("id").asString());
        admin.get("/api/v1/admin/moderation/queue?cursor=garbage").expectStatus(400);
        admin.get("/api/v1/admin/moderation/queue?state=closed").expectStatus(400);
        admin.get("/api/v1/admin/moderation/queue?kind=tweet").expectStatus(400);
        admin.get("/api/v1/admin/moderation/queue?limit=500").expectStatus(400);
    }
}

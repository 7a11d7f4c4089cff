package app.dukkan.admin.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.UserId;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.moderation.TestPosts;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@DukkanTest
@Import(TestPosts.class)
class ModerationPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPosts.Store posts;

    @Autowired
    JdbcClient jdbc;

    private CatalogFixtures fixtures() {
        return new CatalogFixtures(port);
    }

    private static UserId id(ApiClient client) {
        return new UserId(
                UUID.fromString(client.get("/api/v1/me").json().get("id").asString()));
    }

    /** A post reported by three people, so hidden and in the queue; its entry's id. */
    private String reportedPost(UserId author, String text) {
        UUID post = posts.add(author, text);
        for (int i = 0; i < 3; i++) {
            fixtures()
                    .customer()
                    .post("/api/v1/posts/" + post + "/report", Map.of("reason", i == 0 ? "scam" : "spam"))
                    .expectStatus(201);
        }
        return jdbc.sql("select id::text from moderation_entries where item_id = ?")
                .param(post)
                .query(String.class)
                .single();
    }

    @Test
    void rulesAreCreatedEditedTestedAndDeactivatedWithoutJavaScript() {
        PageClient admin = PageClient.admin(port);
        Page form = admin.get("/admin/moderation/rules/new").expectStatus(200);
        Map<String, String> bad = Map.of(
                "name",
                "",
                "kind",
                "pattern",
                "terms",
                "(a)\\1",
                "severity",
                "high",
                "action",
                "flag",
                "active",
                "true");
        Page refused = admin.submit(form, "form.moderation-rule-form", bad);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.one("#rule-name").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.one("#rule-name-error").text()).isEqualTo("Give a name of 1 to 80 characters.");

        String name = CatalogFixtures.unique("Pages insults ");
        Page created = admin.submit(
                form,
                "form.moderation-rule-form",
                Map.of(
                        "name",
                        name,
                        "kind",
                        "keyword",
                        "terms",
                        "idiot\ndummkopf\n\n",
                        "severity",
                        "high",
                        "action",
                        "censor",
                        "active",
                        "true"));
        assertThat(created.location()).isEqualTo("/admin/moderation/rules");
        Page list = admin.follow(created).expectStatus(200);
        assertThat(list.one(".flash").text()).isEqualTo("Rule " + name + " created.");
        assertThat(list.one("main table").text()).contains(name, "idiot, dummkopf", "Censor", "Active");

        Page tested = admin.get("/admin/moderation/rules?text=you+1d10t").expectStatus(200);
        assertThat(tested.one("#test-result").text()).contains("censored", "you *****", "“1d10t” matches " + name);
        Page fragment = admin.get("/admin/moderation/rules?text=hello", Map.of("HX-Request", "true"))
                .expectStatus(200);
        assertThat(fragment.html().select("main")).isEmpty();
        assertThat(fragment.one("#test-result").text()).contains("nothing matches");

        String id = jdbc.sql("select id::text from moderation_rules where name = ?")
                .param(name)
                .query(String.class)
                .single();
        Page edit = admin.get("/admin/moderation/rules/" + id).expectStatus(200);
        Page taken = admin.submit(
                edit,
                "form.moderation-rule-form",
                Map.of(
                        "name",
                        name,
                        "kind",
                        "pattern",
                        "terms",
                        "",
                        "severity",
                        "high",
                        "action",
                        "censor",
                        "active",
                        "true"));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.one("#rule-terms-error").text()).startsWith("Give 1 to 50 words");

        Page confirm =
                admin.get("/admin/moderation/rules/" + id + "/deactivate").expectStatus(200);
        Page deactivated = admin.submit(confirm, "main form", Map.of());
        assertThat(admin.follow(deactivated).one(".flash").text()).isEqualTo("Rule " + name + " deactivated.");
        assertThat(jdbc.sql("select active from moderation_rules where id = ?::uuid")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'moderation.rule-updated' and target_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isOne();
        admin.get("/ar/admin/moderation/rules?text=" + "حمار").expectStatus(200);
        admin.get("/admin/moderation/rules/" + UUID.randomUUID()).expectStatus(404);
    }

    @Test
    void theQueueShowsReportedItemsAndOperatorsActWithAReason() {
        ApiClient customer = fixtures().customer();
        UserId author = id(customer);
        String email = customer.get("/api/v1/me").json().get("email").asString();
        String entry = reportedPost(author, "Buy followers cheap");
        PageClient admin = PageClient.admin(port);

        Page queue = admin.get("/admin/moderation?kind=post").expectStatus(200);
        assertThat(queue.body()).contains("Buy followers cheap");
        assertThat(queue.one("main").text()).as("authors named, not numbered").contains("<" + email + ">");
        assertThat(queue.one("a[href=/admin/moderation/items/" + entry + "]").text())
                .isEqualTo("Post");
        admin.get("/admin/moderation?kind=tweet").expectStatus(400);
        admin.get("/admin/moderation?cursor=nonsense").expectStatus(400);
        admin.get("/de/admin/moderation").expectStatus(200);

        Page page = admin.get("/admin/moderation/items/" + entry).expectStatus(200);
        assertThat(page.one("main").text()).contains("Scam", "Spam", "Hidden", "Reported");
        Page noReason =
                admin.submit(page, "form[action=/admin/moderation/items/" + entry + "/restore]", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.one("#reason-restore-error").text()).isEqualTo("Give a reason.");
        assertThat(noReason.one("#reason-restore").attr("aria-invalid")).isEqualTo("true");

        Page restored = admin.submit(
                page, "form[action=/admin/moderation/items/" + entry + "/restore]", Map.of("reason", "Harmless"));
        assertThat(restored.location()).isEqualTo("/admin/moderation/items/" + entry);
        Page after = admin.follow(restored).expectStatus(200);
        assertThat(after.one(".flash").text()).isEqualTo("Restored: it is visible again.");
        assertThat(after.one("main").text()).contains("Resolved", "restored");
        assertThat(jdbc.sql("select reason from audit_log where action = 'moderation.restored' and target_id = ?")
                        .param(entry)
                        .query(String.class)
                        .single())
                .isEqualTo("Harmless");

        String second = reportedPost(author, "More spam");
        Page confirm =
                admin.get("/admin/moderation/items/" + second + "/remove").expectStatus(200);
        Page empty = admin.submit(confirm, "main form", Map.of("reason", ""));
        assertThat(empty.status()).isEqualTo(422);
        Page removed = admin.submit(confirm, "main form", Map.of("reason", "Spam"));
        assertThat(admin.follow(removed).one(".flash").text()).isEqualTo("Removed from every page and feed.");
        UUID item = UUID.fromString(jdbc.sql("select item_id::text from moderation_entries where id = ?::uuid")
                .param(second)
                .query(String.class)
                .single());
        assertThat(posts.state(item)).isEqualTo(ModeratedContent.State.REMOVED);
        Page again = admin.submit(confirm, "main form", Map.of("reason", "Spam"));
        assertThat(again.status()).isEqualTo(409);
        admin.get("/admin/moderation/items/" + second + "/restore").expectStatus(404);
    }

    @Test
    void onlyAdminsOpenTheModerationPages() {
        String email = CatalogFixtures.unique("mod-customer-") + "@example.com";
        fixtures().anonymous().register(email, "correct horse 42");
        PageClient customer = PageClient.signedIn(port, email, "correct horse 42");
        customer.get("/admin/moderation").expectStatus(403);
        customer.get("/admin/moderation/rules").expectStatus(403);
        PageClient.admin(port).get("/ar/admin/moderation").expectStatus(200);
    }
}

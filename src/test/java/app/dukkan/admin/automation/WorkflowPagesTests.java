package app.dukkan.admin.automation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The console's workflow and run pages, without JavaScript. */
@DukkanTest
class WorkflowPagesTests {

    private static final String PASSWORD = "Str0ng-Passphrase-4711";

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final WireMockServer HOOKS = new WireMockServer(wireMockConfig().dynamicPort());

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void start() {
        HOOKS.start();
    }

    @AfterAll
    static void stop() {
        HOOKS.stop();
    }

    String hook(String path) {
        return "http://localhost:" + HOOKS.port() + path;
    }

    /** A webhook workflow with an input schema of every kind of field, posting to {@code path}. */
    String definition(String name, String path) {
        return """
                {"name": "%s",
                 "trigger": {"type": "webhook"},
                 "input": {"type": "object", "required": ["email", "quantity"],
                           "properties": {
                             "email": {"type": "string", "format": "email", "description": "Who ordered"},
                             "note": {"type": "string"},
                             "quantity": {"type": "integer", "minimum": 1},
                             "gift": {"type": "boolean"},
                             "size": {"enum": ["S", "M", "L"]},
                             "tags": {"type": "array", "items": {"type": "string"}}}},
                 "steps": [
                   {"id": "notify", "connector": "http",
                    "input": {"url": "%s", "body": {"email": "{{trigger.email}}", "quantity": "{{trigger.quantity}}"}}}
                 ]}""".formatted(name, hook(path));
    }

    private Page create(PageClient admin, String key, String definition) {
        Page form = admin.get("/admin/automation/workflows/new").expectStatus(200);
        return admin.submit(form, "form.workflow-editor", Map.of("key", key, "definition", definition));
    }

    private long workflows(String key) {
        return jdbc.sql("select count(*) from automation_workflows where key = ?")
                .param(key)
                .query(Long.class)
                .single();
    }

    private PageClient account(String... roles) {
        String email = CatalogFixtures.unique("operator-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        if (roles.length > 0) {
            String id = api.get("/api/v1/me").json().get("id").asString();
            new CatalogFixtures(port)
                    .admin()
                    .put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of(roles)))
                    .expectStatus(200);
        }
        return PageClient.signedIn(port, email, PASSWORD);
    }

    @Test
    void createsAWorkflowShowingItsSecretOnceAndListsIt() {
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("orders-");
        Page form = admin.get("/admin/automation/workflows/new").expectStatus(200);
        assertThat(form.one("a[href=/schemas/workflow.schema.json]")).isNotNull();
        assertThat(form.one("textarea#workflow-definition").text()).contains("\"trigger\"");

        Page created = admin.submit(
                        form, "form.workflow-editor", Map.of("key", key, "definition", definition("Orders", "/o")))
                .expectStatus(200);

        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String secret = created.one("#workflow-secret").val();
        assertThat(secret).isNotBlank();
        Page page = admin.get("/admin/automation/workflows/" + key).expectStatus(200);
        assertThat(page.body()).doesNotContain(secret);
        assertThat(page.one("h1").text()).isEqualTo("Orders");
        assertThat(page.one("#workflow-json").text()).contains("\"name\" : \"Orders\"");
        assertThat(page.html().select(".versions li")).hasSize(1);
        assertThat(page.one(".facts").text()).contains("Disabled", "Webhook", "POST /api/v1/triggers/" + key);

        Page list = admin.get("/admin/automation/workflows").expectStatus(200);
        assertThat(list.one(".console-nav a[aria-current=page]").attr("href")).isEqualTo("/admin/automation/workflows");
        Element row = list.html().select("tbody tr").stream()
                .filter(tr -> tr.text().contains(key))
                .findFirst()
                .orElseThrow();
        assertThat(row.text()).contains("Orders", "Webhook", "Disabled", "1");
        assertThat(row.selectFirst("a").attr("href")).isEqualTo("/admin/automation/workflows/" + key);

        Page taken = create(admin, key, definition("Again", "/o")).expectStatus(422);
        assertThat(taken.one("#workflow-key-error").text()).contains("exists");
    }

    @Test
    void showsSchemaProblemsInlineKeepingTheTextAndSavesNothing() {
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("broken-");
        String bad = definition("Broken", "/b").replace("{{trigger.email}}", "{{trigger.who}}");

        Page refused = create(admin, key, bad).expectStatus(422);

        Element problems = refused.one("#workflow-definition-error");
        assertThat(problems.attr("role")).isEqualTo("alert");
        assertThat(problems.select("li code").eachText()).contains("steps[0].input.body.email");
        assertThat(refused.one("#workflow-definition").text()).contains("{{trigger.who}}");
        assertThat(refused.one("#workflow-definition").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.one("#workflow-key").val()).isEqualTo(key);

        Page malformed = create(admin, key, "{\"name\": ").expectStatus(422);
        assertThat(malformed.one("#workflow-definition-error").text()).startsWith("This is not valid JSON");
        assertThat(malformed.one("#workflow-definition").text()).isEqualTo("{\"name\":");

        Page missing = create(admin, key, "{\"name\": \"x\"}").expectStatus(422);
        assertThat(missing.one("#workflow-definition-error").text()).contains("trigger", "steps");
        assertThat(workflows(key)).isZero();
    }

    @Test
    void savesANewVersionFromTheEditor() {
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("edit-");
        create(admin, key, definition("First", "/e")).expectStatus(200);

        Page editor = admin.get("/admin/automation/workflows/" + key + "/edit").expectStatus(200);
        assertThat(editor.html().select("#workflow-key")).isEmpty();
        String text = editor.one("#workflow-definition").text();
        assertThat(text).contains("\"name\" : \"First\"");
        Page bad = admin.submit(
                        editor, "form.workflow-editor", Map.of("definition", text.replace("\"http\"", "\"fax\"")))
                .expectStatus(422);
        assertThat(bad.one("#workflow-definition-error").text()).contains("steps[0].connector");

        Page saved = admin.submit(editor, "form.workflow-editor", Map.of("definition", text.replace("First", "Second")))
                .expectStatus(302);
        assertThat(saved.location()).isEqualTo("/admin/automation/workflows/" + key);
        Page page = admin.follow(saved).expectStatus(200);
        assertThat(page.one(".flash").text()).isEqualTo("Saved as version 2.");
        assertThat(page.one("h1").text()).isEqualTo("Second");
        assertThat(page.html().select(".versions li")).hasSize(2);
        assertThat(page.html().select(".versions li details pre").get(1).text()).contains("First");
    }

    @Test
    void showsTheVersionsAPageAtATime() {
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("many-");
        create(admin, key, definition("Version 1", "/m")).expectStatus(200);
        ApiClient api = new CatalogFixtures(port).admin();
        for (int version = 2; version <= WorkflowPages.VERSIONS_PAGE_SIZE + 1; version++) {
            api.put("/api/v1/workflows/" + key, JSON.readTree(definition("Version " + version, "/m")))
                    .expectStatus(200);
        }

        Page first = admin.get("/admin/automation/workflows/" + key).expectStatus(200);

        assertThat(first.html().select(".versions li")).hasSize(WorkflowPages.VERSIONS_PAGE_SIZE);
        assertThat(first.one(".versions").attr("start")).isEqualTo("21");
        assertThat(first.html().select(".versions + .pager a:not([rel=next])")).isEmpty();
        String next = first.one(".versions + .pager a[rel=next]").attr("href");
        assertThat(next).isEqualTo("/admin/automation/workflows/" + key + "?cursor=2");
        Page second = admin.get(next).expectStatus(200);
        assertThat(second.html().select(".versions li details pre").eachText())
                .singleElement()
                .satisfies(text -> assertThat(text).contains("Version 1"));
        assertThat(second.one(".versions").attr("start")).isEqualTo("1");
        assertThat(second.html().select(".versions + .pager a[rel=next]")).isEmpty();
        assertThat(second.one(".versions + .pager a").attr("href")).isEqualTo("/admin/automation/workflows/" + key);
    }

    @Test
    void enablesDisablesWithAReasonAndRenewsTheSecret() {
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("toggle-");
        create(admin, key, definition("Toggle", "/t")).expectStatus(200);
        Page page = admin.get("/admin/automation/workflows/" + key).expectStatus(200);

        Page enabled = admin.follow(
                        admin.submit(page, "form[action$=/enable]", Map.of()).expectStatus(302))
                .expectStatus(200);
        assertThat(enabled.one(".flash").text()).isEqualTo("Toggle is enabled.");
        assertThat(enabled.one(".facts").text()).contains("Enabled");

        admin.submit(enabled, "form[action$=/disable]", Map.of("reason", "x".repeat(501)))
                .expectStatus(422)
                .one("#disable-reason-error");
        Page disabled = admin.follow(
                        admin.submit(enabled, "form[action$=/disable]", Map.of("reason", "Paused for the sale"))
                                .expectStatus(302))
                .expectStatus(200);
        assertThat(disabled.one(".flash").text()).isEqualTo("Toggle is disabled.");
        assertThat(jdbc.sql(
                                "select reason from audit_log where action = 'automation.workflow-disabled' and target_id = ?")
                        .param(key)
                        .query(String.class)
                        .single())
                .isEqualTo("Paused for the sale");

        Page confirm =
                admin.get("/admin/automation/workflows/" + key + "/secret").expectStatus(200);
        Page renewed = admin.submit(confirm, "section.confirm form", Map.of()).expectStatus(200);
        assertThat(renewed.header("Cache-Control")).isEqualTo("no-store");
        assertThat(renewed.one("#workflow-secret").val()).isNotBlank();
    }

    @Test
    void testRunShowsEachStepWithoutSendingAnything() {
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("dry-");
        create(admin, key, definition("Dry", "/dry")).expectStatus(200);
        Page page = admin.get("/admin/automation/workflows/" + key).expectStatus(200);
        assertThat(page.one("#test-payload").text()).isEqualTo("{}");

        Page tested = admin.submit(
                        page,
                        "form.workflow-test",
                        Map.of("payload", "{\"email\": \"a@example.com\", \"quantity\": 2}"))
                .expectStatus(200);

        Element step = tested.one("#workflow-test-result .timeline-step");
        assertThat(step.text()).contains("notify", "http", "Succeeded");
        assertThat(step.select("pre").eachText())
                .anySatisfy(text -> assertThat(text).contains("a@example.com"));
        assertThat(HOOKS.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/dry"))))
                .isEmpty();
        assertThat(tested.one("#test-payload").text()).contains("a@example.com");

        Page fragment = admin.submit(
                page, "form.workflow-test", Map.of("payload", "{\"quantity\": 2}"), Map.of("HX-Request", "true"));
        assertThat(fragment.status()).isEqualTo(422);
        assertThat(fragment.html().select("h1")).isEmpty();
        assertThat(fragment.one("#test-problems").text()).contains("email");

        assertThat(admin.submit(page, "form.workflow-test", Map.of("payload", "[1"))
                        .expectStatus(422)
                        .one("#test-problems")
                        .text())
                .startsWith("This is not valid JSON");
    }

    @Test
    void triggerFormIsGeneratedFromTheInputSchemaAndStartsARun() {
        HOOKS.stubFor(post(urlEqualTo("/run")).willReturn(aResponse().withStatus(200)));
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("form-");
        create(admin, key, definition("Form", "/run")).expectStatus(200);
        Page page = admin.get("/admin/automation/workflows/" + key).expectStatus(200);

        Element form = page.one("form.trigger-form");
        assertThat(form.select("[name^=field.]").eachAttr("name"))
                .as("required fields first, then the others as stored")
                .containsExactly(
                        "field.email", "field.quantity", "field.gift", "field.note", "field.size", "field.tags");
        assertThat(form.selectFirst("#trigger-email").attr("type")).isEqualTo("email");
        assertThat(form.selectFirst("label[for=trigger-email]").text()).contains("email", "(required)");
        assertThat(form.selectFirst("#trigger-email-hint").text()).isEqualTo("Who ordered");
        assertThat(form.selectFirst("#trigger-note").attr("type")).isEqualTo("text");
        assertThat(form.selectFirst("label[for=trigger-note]").text()).doesNotContain("required");
        assertThat(form.selectFirst("#trigger-quantity").attr("type")).isEqualTo("number");
        assertThat(form.selectFirst("#trigger-quantity").attr("step")).isEqualTo("1");
        assertThat(form.selectFirst("#trigger-gift").attr("type")).isEqualTo("checkbox");
        assertThat(form.select("#trigger-size option").eachAttr("value")).containsExactly("", "S", "M", "L");
        assertThat(form.selectFirst("#trigger-tags").tagName()).isEqualTo("textarea");

        Page missing = admin.submit(page, "form.trigger-form", Map.of("field.note", "call me", "field.quantity", "2"))
                .expectStatus(422);
        assertThat(missing.one("#trigger-email").attr("aria-invalid")).isEqualTo("true");
        assertThat(missing.one("#trigger-email-error").text()).contains("email");
        assertThat(missing.one("#trigger-note").val()).isEqualTo("call me");
        Page notANumber = admin.submit(
                        page,
                        "form.trigger-form",
                        Map.of("field.email", "a@example.com", "field.quantity", "two", "field.tags", "[oops"))
                .expectStatus(422);
        assertThat(notANumber.one("#trigger-quantity-error").text()).isEqualTo("Enter a whole number, such as 12.");
        assertThat(notANumber.one("#trigger-tags-error").text()).startsWith("This is not valid JSON");
        Page tooFew = admin.submit(
                        page, "form.trigger-form", Map.of("field.email", "a@example.com", "field.quantity", "0"))
                .expectStatus(422);
        assertThat(tooFew.one("#trigger-quantity-error").text()).contains("1");
        assertThat(jdbc.sql("select count(*) from automation_runs r join automation_workflows w on w.id = r.workflow_id"
                                + " where w.key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isZero();

        Page started = admin.submit(
                        page,
                        "form.trigger-form",
                        Map.of(
                                "field.email", "a@example.com",
                                "field.quantity", "3",
                                "field.gift", "true",
                                "field.size", "M",
                                "field.tags", "[\"red\"]"))
                .expectStatus(302);
        assertThat(started.location()).startsWith("/admin/automation/runs/");
        Page run = admin.follow(started).expectStatus(200);
        assertThat(run.one(".flash").text()).isEqualTo("A run of Form was started.");
        assertThat(run.one("section[aria-labelledby=run-payload-title] pre.json")
                        .text())
                .contains("\"quantity\" : 3", "\"gift\" : true", "\"size\" : \"M\"", "\"red\"");
        String path = started.location();
        Page finished = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> admin.get(path).expectStatus(200),
                        p -> p.html().select("#run-live[hx-get]").isEmpty());
        assertThat(finished.one(".run-status").text()).isEqualTo("Succeeded");
        Element step = finished.one(".timeline .timeline-step");
        assertThat(step.text()).contains("notify", "http", "Succeeded", "Attempts 1");
        assertThat(finished.one(".workflow-links a[href^=/admin/automation/logs]")
                        .attr("href"))
                .isEqualTo("/admin/automation/logs?run=" + path.substring(path.lastIndexOf('/') + 1));

        Page workflowPage = admin.get("/admin/automation/workflows/" + key).expectStatus(200);
        assertThat(workflowPage.html().select(".runs-table tbody tr")).hasSize(1);
    }

    @Test
    void aWorkflowWithoutInputSchemaTakesJson() {
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("plain-");
        create(admin, key, """
                        {"name": "Plain", "trigger": {"type": "webhook"},
                         "steps": [{"id": "call", "connector": "http", "input": {"url": "%s"}}]}""".formatted(hook("/plain"))).expectStatus(200);
        Page page = admin.get("/admin/automation/workflows/" + key).expectStatus(200);
        assertThat(page.one("#trigger-payload").text()).isEqualTo("{}");
        assertThat(admin.submit(page, "form.trigger-form", Map.of("payload", "nope"))
                        .expectStatus(422)
                        .one("#trigger-problems")
                        .text())
                .startsWith("This is not valid JSON");
    }

    @Test
    void runPagePollsWhileRunningAndResumesAFailedRun() {
        HOOKS.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(400)));
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("down-");
        create(admin, key, definition("Down", "/down")).expectStatus(200);
        Page page = admin.get("/admin/automation/workflows/" + key).expectStatus(200);
        Page started = admin.submit(
                        page, "form.trigger-form", Map.of("field.email", "a@example.com", "field.quantity", "1"))
                .expectStatus(302);
        String path = started.location();

        Page running = admin.get(path).expectStatus(200);
        if (running.html().select("#run-live[hx-get]").size() == 1) {
            assertThat(running.one("#run-live").attr("hx-trigger")).isEqualTo("every 1s");
            assertThat(running.one("#run-live").attr("hx-get")).isEqualTo(path);
        }
        Page fragment = admin.get(path, Map.of("HX-Request", "true")).expectStatus(200);
        assertThat(fragment.html().select("h1")).isEmpty();
        assertThat(fragment.html().select("#run-live")).hasSize(1);

        Page failed = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> admin.get(path).expectStatus(200),
                        p -> p.one(".run-status").text().equals("Failed"));
        assertThat(failed.html().select("#run-live[hx-get]")).isEmpty();
        assertThat(failed.one(".timeline-step").text()).contains("notify", "Failed");
        Page listed = admin.get("/admin/automation/runs?workflow=" + key + "&status=failed")
                .expectStatus(200);
        assertThat(listed.html().select(".runs-table tbody tr")).hasSize(1);
        assertThat(admin.get("/admin/automation/runs?workflow=" + key + "&status=succeeded")
                        .expectStatus(200)
                        .html()
                        .select(".runs-table tbody tr"))
                .isEmpty();
        admin.get("/admin/automation/runs?status=lost").expectStatus(400).one("#runs-status-error");
        admin.get("/admin/automation/runs?workflow=no-such-workflow")
                .expectStatus(400)
                .one("#runs-workflow-error");

        HOOKS.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(200)));
        Page confirm = admin.get(failed.one("a[href$=/resume]").attr("href")).expectStatus(200);
        assertThat(confirm.one("h1").text()).contains(key);
        Page resumed = admin.submit(confirm, "section.confirm form", Map.of()).expectStatus(302);
        assertThat(resumed.location()).isEqualTo(path);
        assertThat(admin.follow(resumed).one(".flash").text()).isEqualTo("The run goes on from step notify.");
        Page succeeded = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> admin.get(path).expectStatus(200),
                        p -> p.one(".run-status").text().equals("Succeeded"));
        assertThat(succeeded.html().select("a[href$=/resume]")).isEmpty();
    }

    @Test
    void theTimelineShowsTheStepsThatHaveNotStarted() {
        HOOKS.stubFor(post(urlEqualTo("/refused")).willReturn(aResponse().withStatus(400)));
        PageClient admin = PageClient.admin(port);
        String key = CatalogFixtures.unique("later-");
        create(admin, key, """
                        {"name": "Two steps", "trigger": {"type": "webhook"},
                         "steps": [
                           {"id": "first", "connector": "http", "input": {"url": "%s"}},
                           {"id": "second", "connector": "slack", "input": {"credential": "ops", "text": "after"}}]}""".formatted(hook("/refused"))).expectStatus(200);
        Page page = admin.get("/admin/automation/workflows/" + key).expectStatus(200);
        String path = admin.submit(page, "form.trigger-form", Map.of("payload", "{}"))
                .expectStatus(302)
                .location();

        Page failed = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> admin.get(path).expectStatus(200),
                        p -> p.one(".run-status").text().equals("Failed"));
        assertThat(failed.html().select(".timeline-step")).hasSize(2);
        assertThat(failed.one(".timeline-step.timeline-pending").text()).contains("second", "slack", "Not started");
    }

    @Test
    void onlyAdminsMayManageWorkflows() {
        PageClient seller = account("seller");
        seller.get("/admin/automation/workflows").expectStatus(403);
        seller.get("/admin/automation/runs").expectStatus(403);
        account().get("/admin/automation/workflows/new").expectStatus(403);
        assertThat(new PageClient(port)
                        .get("/admin/automation/workflows")
                        .expectStatus(302)
                        .location())
                .startsWith("/login");
        PageClient.admin(port)
                .get("/admin/automation/workflows/no-such-workflow")
                .expectStatus(404);
        PageClient.admin(port).get("/admin/automation/runs/not-a-run").expectStatus(404);
    }

    @Test
    void speaksGermanAndArabic() {
        PageClient admin = PageClient.admin(port);
        assertThat(admin.get("/de/admin/automation/runs")
                        .expectStatus(200)
                        .one("h1")
                        .text())
                .isEqualTo("Läufe");
        Page arabic = admin.get("/ar/admin/automation/workflows").expectStatus(200);
        assertThat(arabic.one("h1").text()).isEqualTo("سير العمل");
        assertThat(arabic.one("html").attr("dir")).isEqualTo("rtl");
    }
}

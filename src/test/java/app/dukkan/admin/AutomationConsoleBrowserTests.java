package app.dukkan.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The automation pages in a real browser: an admin writes a webhook workflow in the console,
 * enables it, starts it from the form generated from its input schema, watches the run's steps
 * complete on the run page without reloading it, and reads the run's logs with the personal data
 * redacted. Axe checks every automation page in English and Arabic, light and dark.
 */
class AutomationConsoleBrowserTests extends ConsoleBrowserTest {

    /** The receiving system: it answers after a moment, so the run is seen running. */
    static final WireMockServer CRM = new WireMockServer(wireMockConfig().dynamicPort());

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String EMAIL = "shopper@example.com";
    static final String CARD = "4111 1111 1111 1111";
    static final String NOTE = "Call me on +966 50 123 4567, card " + CARD;

    @BeforeAll
    static void start() {
        CRM.start();
    }

    @AfterAll
    static void stop() {
        CRM.stop();
    }

    static String definition(int port) {
        return """
                {
                  "name": "Contact form to CRM",
                  "trigger": {"type": "webhook"},
                  "input": {
                    "type": "object",
                    "required": ["email"],
                    "properties": {
                      "email": {"type": "string", "format": "email", "description": "The shopper's address"},
                      "note": {"type": "string"}
                    }
                  },
                  "steps": [
                    {"id": "crm", "connector": "http",
                     "input": {"url": "http://localhost:%d/contacts",
                               "body": {"email": "{{trigger.email}}", "note": "{{trigger.note}}"}}}
                  ]
                }""".formatted(port);
    }

    @Test
    void anAdminCreatesTriggersAndFollowsAWorkflowToItsRedactedLogs() {
        // busy at first (the failed attempt is logged with the step's input), then it takes the contact
        CRM.stubFor(post(urlEqualTo("/contacts"))
                .inScenario("crm")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withFixedDelay(1000))
                .willSetStateTo("up"));
        CRM.stubFor(post(urlEqualTo("/contacts"))
                .inScenario("crm")
                .whenScenarioStateIs("up")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withFixedDelay(1000)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"crm-42\"}")));
        String key = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        Page admin = signedInAdmin(Options.defaults());

        admin.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Workflows").setExact(true))
                .click();
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New workflow"))
                .click();
        assertThat(admin.locator("h1")).hasText("New workflow");
        admin.getByLabel("Key").fill(key);
        admin.getByLabel("Definition (JSON)").fill(definition(CRM.port()));
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create workflow"))
                .click();
        assertThat(admin.locator("h1")).hasText("Signing secret");
        assertThat(admin.locator("#workflow-secret")).hasValue(Pattern.compile("\\S{20,}"));
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Go to the workflow"))
                .click();
        assertThat(admin.locator("h1")).hasText("Contact form to CRM");

        admin.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Enable").setExact(true))
                .click();
        assertThat(admin.locator(".flash")).hasText("Contact form to CRM is enabled.");

        admin.locator("#trigger-email").fill(EMAIL);
        admin.locator("#trigger-note").fill(NOTE);
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start a run"))
                .click();
        assertThat(admin).hasURL(Pattern.compile(".*/admin/automation/runs/[0-9a-f-]{36}$"));
        String runUrl = admin.url();
        assertThat(admin.locator(".flash")).hasText("A run of Contact form to CRM was started.");
        // the run is under way when the page is shown; the page follows it by itself
        assertThat(admin.locator("#run-live[hx-trigger='every 1s']")).hasCount(1);
        List<String> navigations = new ArrayList<>();
        admin.onFrameNavigated(frame -> {
            if (frame == admin.mainFrame()) {
                navigations.add(frame.url());
            }
        });
        assertThat(admin.locator(".run-status"))
                .hasText("Succeeded", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(admin.locator(".timeline-step")).hasCount(1);
        assertThat(admin.locator(".timeline-step .run-badge")).hasText("Succeeded");
        assertThat(admin.locator("#run-live[hx-get]")).hasCount(0);
        assertThat(navigations).as("the page was not reloaded").isEmpty();
        assertThat(admin.url()).isEqualTo(runUrl);
        assertThat(admin.locator(".timeline-step .facts dd").first()).hasText("2");
        CRM.verify(
                2,
                postRequestedFor(urlEqualTo("/contacts"))
                        .withRequestBody(equalToJson("{\"email\": \"" + EMAIL + "\", \"note\": \"" + NOTE + "\"}")));

        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("This run's logs"))
                .click();
        assertThat(admin.locator("h1")).hasText("Automation logs");
        assertThat(admin.locator("tbody tr").first()).isVisible();
        assertThat(admin.locator("tbody")).containsText("[email]");
        assertThat(admin.locator("tbody")).containsText("[card]");
        assertThat(admin.locator("tbody .chip.redacted").first()).hasText("redacted");
        String logs = admin.content();
        assertThat(logs).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("4111111111111111");
        assertAccessible(admin);

        checkPages(key, runUrl.substring(runUrl.indexOf("/admin/")), failedRun());
    }

    /** A run that failed, its receiving system refusing what it was sent: the run's id. */
    private String failedRun() {
        CRM.stubFor(post(urlEqualTo("/refused")).willReturn(aResponse().withStatus(400)));
        ApiClient admin = new CatalogFixtures(port).admin();
        String key = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", JSON.readTree("""
                        {"name": "Refused contact", "trigger": {"type": "webhook"},
                         "steps": [{"id": "crm", "connector": "http",
                                    "input": {"url": "http://localhost:%d/refused"}}]}""".formatted(CRM.port()))))
                .expectStatus(201);
        String run = admin.post("/api/v1/workflows/" + key + "/runs", Map.of())
                .expectStatus(202)
                .json()
                .get("run")
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> admin.get("/api/v1/runs/" + run)
                        .expectStatus(200)
                        .json()
                        .get("run")
                        .get("status")
                        .asString()
                        .equals("failed"));
        return run;
    }

    /**
     * Axe on every automation page (a failed run's resume confirmation and the logs included),
     * English and Arabic, light and dark; screenshots of the workflow and run pages, and at a
     * phone's width of the run, the editor and the runs.
     */
    private void checkPages(String key, String runPath, String failedRun) {
        List<String> paths = List.of(
                "/admin/automation/workflows",
                "/admin/automation/workflows/new",
                "/admin/automation/workflows/" + key,
                "/admin/automation/workflows/" + key + "/edit",
                "/admin/automation/workflows/" + key + "/secret",
                "/admin/automation/runs",
                runPath,
                "/admin/automation/runs/" + failedRun,
                "/admin/automation/runs/" + failedRun + "/resume",
                "/admin/automation/logs",
                "/admin/automation/logs?run=" + runPath.substring(runPath.lastIndexOf('/') + 1));
        for (Options options : THEMES) {
            Page page = signedInAdmin(options);
            for (String language : LANGUAGES) {
                for (String path : paths) {
                    page.navigate(language + path);
                    assertThat(page.locator("h1")).isVisible();
                    assertAccessible(page, options);
                }
                page.navigate(language + "/admin/automation/workflows/" + key);
                page.locator("details").first().evaluate("details => details.open = true");
                shoot(page, "workflow-" + language(language) + "-" + theme(options));
                page.navigate(language + runPath);
                page.locator(".run-page details").evaluateAll("all => all.forEach(d => d.open = true)");
                shoot(page, "run-" + language(language) + "-" + theme(options));
                page.setViewportSize(400, 850);
                shoot(page, "run-phone-" + language(language) + "-" + theme(options));
                page.navigate(language + "/admin/automation/workflows/" + key + "/edit");
                shoot(page, "edit-phone-" + language(language) + "-" + theme(options));
                page.navigate(language + "/admin/automation/runs");
                shoot(page, "runs-phone-" + language(language) + "-" + theme(options));
                page.setViewportSize(1280, 900);
            }
        }
    }

    /** A full-page screenshot under target/screenshots/automation-… to look at. */
    private static void shoot(Page page, String name) {
        screenshot(page, "automation-" + name);
    }
}

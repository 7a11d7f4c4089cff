package app.dukkan.automation.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.automation.Workflows;
import app.dukkan.automation.secret.Credentials;
import app.dukkan.identity.UserId;
import app.dukkan.orders.DemoPurchases;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Steps over a list: the shop's orders shipped on a day, one call per order with a phone number
 * that has its country code; a failed item is retried without repeating the items before it.
 */
@DukkanTest
class WorkflowForEachTests {

    static final WireMockServer HOOKS = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoPurchases purchases;

    @Autowired
    Workflows workflows;

    @Autowired
    Credentials credentials;

    @BeforeAll
    static void start() {
        HOOKS.start();
    }

    @AfterAll
    static void stop() {
        HOOKS.stop();
    }

    /** A day of the past that no other test ships on. */
    static LocalDate quietDay() {
        return LocalDate.of(2001, 1, 1)
                .plusDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(7_000));
    }

    /** Three orders shipped on the day: two with international phone numbers, one with a national one. */
    List<String> shippedOn(ApiClient admin, LocalDate day) {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        String category = fixtures.category(CatalogFixtures.unique("Shipped "), null);
        String slug = fixtures.createProduct(
                        admin,
                        CatalogFixtures.product(
                                CatalogFixtures.unique("Parcel "),
                                category,
                                List.of(CatalogFixtures.variant("12.00", 10))))
                .get("slug")
                .asString();
        List<String> phones = List.of("+966 50 123 4567", "0049 30 1234567", "030 7654321");
        List<String> emails = phones.stream()
                .map(p -> CatalogFixtures.unique("shipped-") + "@example.com")
                .toList();
        for (int i = 0; i < phones.size(); i++) {
            purchases.placePaidOrder(new UserId(UUID.randomUUID()), emails.get(i), List.of(slug), Instant.now());
            jdbc.sql("""
                            update orders set phone = ?, fulfilled_at = ?::timestamptz + make_interval(secs => ?),
                                address = jsonb_set(address, '{name}', to_jsonb(?::text))
                            where email = ?""")
                    .params(phones.get(i), day + "T10:00:00Z", i, "Customer " + i, emails.get(i))
                    .update();
        }
        return emails.stream()
                .map(email -> jdbc.sql("select number from orders where email = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .toList();
    }

    @Test
    void callsOncePerItemSkipsWhatItsConditionRefusesAndRetriesOnlyTheItemThatFailed() {
        ApiClient admin = new CatalogFixtures(port).admin();
        LocalDate day = quietDay();
        List<String> numbers = shippedOn(admin, day);
        HOOKS.stubFor(post(urlEqualTo("/notify")).willReturn(aResponse().withStatus(200)));
        // the second order's call fails once
        HOOKS.stubFor(post(urlEqualTo("/notify"))
                .withRequestBody(containing(numbers.get(1)))
                .inScenario("second")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        HOOKS.stubFor(post(urlEqualTo("/notify"))
                .withRequestBody(containing(numbers.get(1)))
                .inScenario("second")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        String key = CatalogFixtures.unique("each-");
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", JSON.readTree("""
                        {"name": "Each shipped order", "trigger": {"type": "webhook"},
                         "input": {"type": "object", "properties": {"day": {"type": "string"}}},
                         "steps": [
                           {"id": "shipped", "connector": "orders", "input": {"shippedOn": "{{trigger.day}}", "zone": "UTC"}},
                           {"id": "notify", "connector": "http", "forEach": "steps.shipped.output.items",
                            "when": {"path": "item.whatsapp", "op": "exists"},
                            "input": {"url": "http://localhost:%d/notify",
                                      "body": {"to": "{{item.whatsapp}}", "order": "{{item.number}}", "name": "{{item.name}}"}}}]}""".formatted(HOOKS.port()))))
                .expectStatus(201);

        String runId = admin.post("/api/v1/workflows/" + key + "/runs", Map.of("day", day.toString()))
                .expectStatus(202)
                .json()
                .get("run")
                .get("id")
                .asString();
        JsonNode run = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin.get("/api/v1/runs/" + runId)
                                .expectStatus(200)
                                .json(),
                        r -> r.get("run").get("status").asString().equals("succeeded"));

        JsonNode items = run.get("steps").get(1).get("output").get("items");
        List<JsonNode> ours = java.util.stream.IntStream.range(0, items.size())
                .mapToObj(items::get)
                .toList();
        assertThat(run.get("steps").get(1).get("attempts").asInt()).isEqualTo(2);
        HOOKS.verify(
                1,
                postRequestedFor(urlEqualTo("/notify"))
                        .withRequestBody(containing(numbers.get(0)))
                        .withRequestBody(containing("966501234567")));
        HOOKS.verify(
                2,
                postRequestedFor(urlEqualTo("/notify"))
                        .withRequestBody(containing(numbers.get(1)))
                        .withRequestBody(containing("49301234567")));
        HOOKS.verify(0, postRequestedFor(urlEqualTo("/notify")).withRequestBody(containing(numbers.get(2))));
        assertThat(ours)
                .anySatisfy(item -> assertThat(item.path("skipped").asBoolean()).isTrue());
        String idempotency = HOOKS.findAll(
                        postRequestedFor(urlEqualTo("/notify")).withRequestBody(containing(numbers.get(1))))
                .get(1)
                .getHeader("Idempotency-Key");
        assertThat(idempotency).startsWith(runId + ":notify:");
    }

    @Test
    void theNightlyStatusUpdateExampleShowsTheMessagesItWouldSend() throws Exception {
        ApiClient admin = new CatalogFixtures(port).admin();
        LocalDate day = quietDay();
        List<String> numbers = shippedOn(admin, day);
        credentials.save(
                "demo-whatsapp", "whatsapp", "{\"phoneNumberId\": \"100000000000000\", \"accessToken\": \"demo\"}");
        JsonNode definition;
        try (InputStream in = new ClassPathResource("automation/demo/shipped-status-update.json").getInputStream()) {
            definition = JSON.readTree(in);
        }
        String key = CatalogFixtures.unique("status-update-");
        workflows.create(key, definition, null);

        List<Workflows.TestStep> steps = workflows.test(key, JSON.readTree("""
                {"scheduledAt": "2026-12-05T17:00:00Z", "date": "%s", "zone": "UTC"}""".formatted(day)));

        assertThat(steps).extracting(Workflows.TestStep::status).containsExactly("succeeded", "succeeded");
        String notify = steps.get(1).output().toString();
        assertThat(notify).contains("966501234567").contains(numbers.get(0)).contains("order_shipped");
        assertThat(notify).contains("49301234567").contains(numbers.get(1));
        assertThat(notify).doesNotContain(numbers.get(2));
    }
}

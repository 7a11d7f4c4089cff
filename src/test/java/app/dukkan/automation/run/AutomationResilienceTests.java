package app.dukkan.automation.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.automation.connector.Connectors;
import app.dukkan.automation.connector.StepCall;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.Jackson3Serializer;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs when things go wrong (a context of its own: a small breaker, short timeouts and heartbeats).
 * Slack failing and hanging: steps retry, the breaker opens, runs wait, Slack recovers and every run
 * completes, each message sent once. A worker killed after a step's effect: another worker runs the
 * step again with the same idempotency key, and the effect happens once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dukkan.automation.breaker.sliding-window-size=4",
            "dukkan.automation.breaker.minimum-number-of-calls=4",
            "dukkan.automation.breaker.wait-in-open-state=2s",
            "dukkan.automation.breaker.permitted-calls-in-half-open-state=1",
            "dukkan.automation.slack.read-timeout=300ms",
            "dukkan.automation.runs.retry.max-attempts=8",
            "dukkan.automation.runs.retry.first-delay=200ms",
            "dukkan.automation.runs.retry.max-delay=1s",
            "db-scheduler.heartbeat-interval=500ms",
            "db-scheduler.missed-heartbeats-limit=4"
        })
@ActiveProfiles("test")
@DirtiesContext
class AutomationResilienceTests {

    static final WireMockServer SLACK = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Connectors connectors;

    @Autowired
    TransactionTemplate transactions;

    @BeforeAll
    static void start() {
        SLACK.start();
    }

    @AfterAll
    static void stop() {
        SLACK.stop();
    }

    ApiClient admin() {
        return new CatalogFixtures(port).admin();
    }

    JsonNode awaitRun(ApiClient admin, String runId, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> admin.get("/api/v1/runs/" + runId)
                                .expectStatus(200)
                                .json(),
                        run -> run.get("run").get("status").asString().equals(status));
    }

    @Test
    void slackFailingAndHangingOpensTheBreakerAndEveryRunCompletesOnceWhenItRecovers() {
        ApiClient admin = admin();
        admin.post(
                        "/api/v1/automation/credentials",
                        Map.of(
                                "name",
                                "ops",
                                "connector",
                                "slack",
                                "value",
                                "http://localhost:" + SLACK.port() + "/hook"))
                .expectStatus(201);
        admin.post("/api/v1/workflows", Map.of("key", "game-day", "definition", JSON.readTree("""
                        {"name": "Game day", "trigger": {"type": "webhook"},
                         "input": {"type": "object", "properties": {"n": {"type": "integer"}}},
                         "steps": [{"id": "tell", "connector": "slack",
                                    "input": {"credential": "ops", "text": "order {{trigger.n}}"}}]}""")))
                .expectStatus(201);
        admin.post("/api/v1/workflows/game-day/enable", null).expectStatus(200);
        // Slack answers 500, and every other call hangs past the timeout
        SLACK.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
        SLACK.stubFor(post(urlEqualTo("/hook"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("order 1"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));

        List<String> runs = IntStream.range(0, 10)
                .mapToObj(n -> admin.post("/api/v1/workflows/game-day/runs", Map.of("n", n))
                        .expectStatus(202)
                        .json()
                        .get("run")
                        .get("id")
                        .asString())
                .toList();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql(
                                        "select count(*) from automation_logs where status = 'waiting' and message like '%circuit open%'")
                                .query(Long.class)
                                .single()
                        > 0);
        assertThat(jdbc.sql(
                                "select count(*) from automation_runs where workflow_id = (select id from automation_workflows where key = 'game-day') and status = 'succeeded'")
                        .query(Long.class)
                        .single())
                .isZero();

        SLACK.resetAll();
        SLACK.stubFor(
                post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withBody("ok")));
        for (String run : runs) {
            JsonNode done = awaitRun(admin, run, "succeeded");
            assertThat(done.get("steps").get(0).get("status").asString()).isEqualTo("succeeded");
        }
        // after the recovery each run's message went out once
        List<String> texts = SLACK.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() == 200)
                .map(ServeEvent::getRequest)
                .map(request ->
                        JSON.readTree(request.getBodyAsString()).get("text").asString())
                .toList();
        assertThat(texts).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void aWorkerKilledAfterAStepsEffectLeavesItToAnotherThatDoesNotRepeatTheEffect() {
        ApiClient admin = admin();
        SLACK.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        admin.post("/api/v1/workflows", Map.of("key", "killed", "definition", JSON.readTree("""
                        {"name": "Killed worker", "trigger": {"type": "webhook"},
                         "input": {"type": "object", "properties": {"email": {"type": "string"}}},
                         "steps": [
                           {"id": "mail", "connector": "email",
                            "input": {"to": "{{trigger.email}}", "subject": "Thanks", "text": "Your order is on its way"}},
                           {"id": "erp", "connector": "http", "input": {"url": "http://localhost:%d/erp", "body": {"n": 1}}}]}""".formatted(
                                SLACK.port()))))
                .expectStatus(201);
        UUID workflowId = jdbc.sql("select id from automation_workflows where key = 'killed'")
                .query(UUID.class)
                .single();
        UUID runId = UUID.randomUUID();
        // a worker took the run's first step, sent the mail and died before it could record that
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into automation_runs (id, workflow_id, version, status, trigger_type, payload, created_at)
                            values (?, ?, 1, 'running', 'manual', '{"email": "killed@example.com"}', now())""").params(runId, workflowId).update();
            jdbc.sql("""
                            insert into automation_step_runs (run_id, position, step, connector, status, attempts, started_at)
                            values (?, 0, 'mail', 'email', 'running', 1, now())""").param(runId).update();
            connectors
                    .find("email")
                    .orElseThrow()
                    .call(new StepCall(
                            runId,
                            "mail",
                            runId + ":mail",
                            Map.of("to", "killed@example.com", "subject", "Thanks", "text", "Your order is on its way"),
                            "whsec_unused",
                            false));
        });
        byte[] job = new Jackson3Serializer()
                .serialize(new app.dukkan.platform.jobs.JobEnvelope(
                        "{\"run_id\":\"" + runId + "\",\"position\":0}", System.currentTimeMillis() - 60_000));
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                            picked_by, last_heartbeat, consecutive_failures, version, priority)
                        values ('automation-step-email', ?, ?, ?, true, 'dead-worker', ?, 0, 1, 20)""")
                .params(
                        runId + "/0",
                        job,
                        Timestamp.from(Instant.now().minusSeconds(60)),
                        Timestamp.from(Instant.now().minusSeconds(3600)))
                .update();

        JsonNode done = awaitRun(admin, runId.toString(), "succeeded");
        assertThat(done.get("steps").get(0).get("attempts").asInt()).isEqualTo(2);
        // the mail jobs of both calls have run: one mail went out
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql(
                                        "select count(*) from scheduled_tasks where task_name like 'mail-%' and task_instance like ?")
                                .param("%" + runId + "%")
                                .query(Long.class)
                                .single()
                        == 0);
        assertThat(jdbc.sql("select count(*) from sent_mails where key like ?")
                        .param("%" + runId + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mailbox_messages where recipient = 'killed@example.com'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        SLACK.verify(1, postRequestedFor(urlEqualTo("/erp")).withHeader("Idempotency-Key", equalTo(runId + ":erp")));
    }
}

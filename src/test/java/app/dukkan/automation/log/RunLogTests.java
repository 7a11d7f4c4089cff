package app.dukkan.automation.log;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.automation.log.RunLogs.Level;
import app.dukkan.automation.log.RunLogs.Line;
import app.dukkan.platform.Ids;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lines written through {@link RunLogs}, read through {@code GET /api/v1/logs}, and pruned. */
@DukkanTest
class RunLogTests {

    private static final String EMAIL = "sara.customer@example.com";
    private static final String CARD = "4111 1111 1111 1111";

    @LocalServerPort
    int port;

    @Autowired
    RunLogs logs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MeterRegistry registry;

    @Autowired
    LogPruning pruning;

    private static Line line(
            UUID workflow, @org.jspecify.annotations.Nullable UUID run, Level level, String status, String message) {
        return new Line(workflow, run, run == null ? null : "notify", level, status, message, Map.of());
    }

    /** A writer whose clock stands still: every line in the same millisecond. */
    private RunLogs frozenAt(Instant at) {
        return new JdbcRunLogs(jdbc, json, Clock.fixed(at, ZoneOffset.UTC), new SimpleMeterRegistry());
    }

    private ApiClient admin() {
        return new CatalogFixtures(port).admin();
    }

    @Test
    void storesTheLineRedactedAndFlagged() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        UUID run = Ids.newId(Clock.systemUTC());
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("email", EMAIL);
        customer.put("phone", "+966 50 123 4567");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", customer);
        data.put("card", 4111111111111111L);
        data.put("iban", List.of("DE89 3704 0044 0532 0130 00"));
        data.put("order", "DK-100001");
        transactions.executeWithoutResult(status -> logs.write(new Line(
                workflow, run, "pay", Level.ERROR, "failed", "Charge of " + CARD + " for " + EMAIL + " failed", data)));

        Map<String, Object> row = jdbc.sql("select message, data::text as data, pii_redacted from automation_logs"
                        + " where workflow_id = ?")
                .param(workflow)
                .query()
                .singleRow();
        assertThat((String) row.get("message"))
                .isEqualTo("Charge of [card] for [email] failed")
                .doesNotContain("4111")
                .doesNotContain("sara");
        assertThat((String) row.get("data"))
                .doesNotContain("sara", "4111", "123 4567", "3704")
                .contains("[email]", "[phone]", "[card]", "[iban]", "DK-100001");
        assertThat(row.get("pii_redacted")).isEqualTo(true);

        JsonNode item = admin().get("/api/v1/logs?workflow=" + workflow)
                .expectStatus(200)
                .json()
                .get("items")
                .get(0);
        assertThat(item.get("pii_redacted").asBoolean()).isTrue();
        assertThat(item.get("run_id").asString()).isEqualTo(run.toString());
        assertThat(item.get("step").asString()).isEqualTo("pay");
        assertThat(item.get("level").asString()).isEqualTo("error");
        assertThat(item.get("status").asString()).isEqualTo("failed");
        assertThat(item.get("data").get("customer").get("email").asString()).isEqualTo("[email]");
    }

    @Test
    void aLineWithoutPersonalDataIsKeptAsItIsAndNotFlagged() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        logs.write(new Line(
                workflow, null, null, Level.INFO, "enabled", "Order DK-100001 of 1,299.00 SAR", Map.of("n", 1)));

        Map<String, Object> row = jdbc.sql(
                        "select message, pii_redacted, run_id, step from automation_logs" + " where workflow_id = ?")
                .param(workflow)
                .query()
                .singleRow();
        assertThat(row.get("message")).isEqualTo("Order DK-100001 of 1,299.00 SAR");
        assertThat(row.get("pii_redacted")).isEqualTo(false);
        assertThat(row.get("run_id")).isNull();
        assertThat(row.get("step")).isNull();
    }

    @Test
    void aLineIsWrittenInTheCallersTransaction() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        transactions.executeWithoutResult(status -> {
            logs.write(line(workflow, null, Level.INFO, "queued", "will roll back"));
            status.setRollbackOnly();
        });

        assertThat(jdbc.sql("select count(*) from automation_logs where workflow_id = ?")
                        .param(workflow)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void oneLineCannotBeHuge() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        logs.write(line(workflow, null, Level.WARN, "s".repeat(100), "m".repeat(50_000) + " " + EMAIL));
        logs.write(new Line(
                workflow,
                null,
                null,
                Level.INFO,
                "ok",
                "big data",
                Map.of(
                        "blob",
                        List.of("x".repeat(1500)).stream().toList(),
                        "many",
                        java.util.Collections.nCopies(100, "y".repeat(1000)))));
        logs.write(new Line(workflow, null, null, Level.INFO, "ok", "long string", Map.of("text", "z".repeat(10_000))));

        List<Map<String, Object>> rows = jdbc.sql("select message, status, data::text as data from automation_logs"
                        + " where workflow_id = ? order by id")
                .param(workflow)
                .query()
                .listOfRows();
        assertThat((String) rows.get(0).get("message"))
                .hasSize(JdbcRunLogs.MAX_MESSAGE)
                .endsWith("…");
        assertThat((String) rows.get(0).get("status")).hasSize(JdbcRunLogs.MAX_STATUS);
        assertThat(json.readTree((String) rows.get(1).get("data"))
                        .get("truncated")
                        .asBoolean())
                .isTrue();
        assertThat(json.readTree((String) rows.get(2).get("data")).get("text").asString())
                .hasSize(JdbcRunLogs.MAX_DATA_STRING);
    }

    @Test
    void countsLinesByLevelAndRedactedLines() {
        double errors =
                registry.counter("automation.logs.lines", "level", "error").count();
        double redacted = registry.counter("automation.logs.redacted").count();
        UUID workflow = Ids.newId(Clock.systemUTC());

        transactions.executeWithoutResult(status -> {
            logs.write(line(workflow, null, Level.ERROR, "failed", "to " + EMAIL));
            logs.write(line(workflow, null, Level.ERROR, "failed", "nothing personal"));
        });

        assertThat(registry.counter("automation.logs.lines", "level", "error").count())
                .isEqualTo(errors + 2);
        assertThat(registry.counter("automation.logs.redacted").count()).isEqualTo(redacted + 1);
    }

    @Test
    void filtersByWorkflowRunStatusLevelAndTime() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        UUID run = Ids.newId(Clock.systemUTC());
        UUID otherRun = Ids.newId(Clock.systemUTC());
        Instant base = Instant.parse("2026-03-01T10:00:00Z");
        frozenAt(base).write(line(workflow, run, Level.INFO, "running", "first"));
        frozenAt(base.plusSeconds(60)).write(line(workflow, run, Level.ERROR, "failed", "second"));
        frozenAt(base.plusSeconds(120)).write(line(workflow, otherRun, Level.INFO, "succeeded", "third"));
        frozenAt(base.plusSeconds(120))
                .write(line(Ids.newId(Clock.systemUTC()), null, Level.INFO, "succeeded", "elsewhere"));
        ApiClient admin = admin();
        String all = "/api/v1/logs?workflow=" + workflow;

        assertThat(messages(admin, all)).containsExactly("third", "second", "first");
        assertThat(messages(admin, all + "&run=" + run)).containsExactly("second", "first");
        assertThat(messages(admin, all + "&status=failed")).containsExactly("second");
        assertThat(messages(admin, all + "&level=ERROR")).containsExactly("second");
        assertThat(messages(admin, all + "&level=info&status=succeeded")).containsExactly("third");
        assertThat(messages(admin, all + "&from=2026-03-01T10:01:00Z")).containsExactly("third", "second");
        assertThat(messages(admin, all + "&to=2026-03-01T10:01:00Z")).containsExactly("first");
        assertThat(messages(admin, all + "&from=2026-03-01T10:00:00.001Z&to=2026-03-01T10:02:00Z"))
                .containsExactly("second");
        assertThat(messages(admin, "/api/v1/logs?run=" + otherRun)).containsExactly("third");
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeatsEvenInOneMillisecond() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        Instant now = Instant.now();
        RunLogs sameMillisecond = frozenAt(now);
        for (int i = 0; i < 12; i++) {
            sameMillisecond.write(line(workflow, null, Level.INFO, "running", "line " + i));
        }
        frozenAt(now.minusSeconds(1)).write(line(workflow, null, Level.INFO, "running", "earlier"));
        ApiClient admin = admin();

        List<String> seen = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = admin.get("/api/v1/logs?workflow=" + workflow + "&limit=5"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus(200)
                    .json();
            page.get("items").forEach(item -> {
                seen.add(item.get("message").asString());
                ids.add(item.get("id").asString());
            });
            cursor = page.has("next") && !page.get("next").isNull()
                    ? page.get("next").asString()
                    : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(13);
        List<String> expected = new ArrayList<>();
        for (int i = 11; i >= 0; i--) {
            expected.add("line " + i);
        }
        expected.add("earlier");
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        ApiClient admin = admin();
        assertThat(field(admin, "/api/v1/logs?workflow=nope")).isEqualTo("workflow");
        assertThat(field(admin, "/api/v1/logs?run=123")).isEqualTo("run");
        assertThat(field(admin, "/api/v1/logs?level=fatal")).isEqualTo("level");
        assertThat(field(admin, "/api/v1/logs?status=" + "x".repeat(41))).isEqualTo("status");
        assertThat(field(admin, "/api/v1/logs?from=yesterday")).isEqualTo("from");
        assertThat(field(admin, "/api/v1/logs?to=2026-13-01T00:00:00Z")).isEqualTo("to");
        assertThat(field(admin, "/api/v1/logs?from=1969-12-31T00:00:00Z")).isEqualTo("from");
        assertThat(field(admin, "/api/v1/logs?from=-300000000-01-01T00:00:00Z")).isEqualTo("from");
        assertThat(field(admin, "/api/v1/logs?to=%2B10000-01-01T00:00:00Z")).isEqualTo("to");
        assertThat(field(admin, "/api/v1/logs?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z"))
                .isEqualTo("to");
        assertThat(field(admin, "/api/v1/logs?limit=0")).isEqualTo("limit");
        assertThat(field(admin, "/api/v1/logs?limit=201")).isEqualTo("limit");
        assertThat(field(admin, "/api/v1/logs?limit=many")).isEqualTo("limit");
        assertThat(field(admin, "/api/v1/logs?cursor=not-a-cursor")).isEqualTo("cursor");
        assertThat(field(admin, "/api/v1/logs?cursor=" + LogIds.cursor(UUID.randomUUID())))
                .isEqualTo("cursor");
        assertThat(admin.get("/api/v1/logs?cursor=" + LogIds.cursor(UUID.randomUUID()))
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/invalid-cursor");
    }

    @Test
    void theNightlyPruneDeletesLinesOlderThanTheRetentionInBatches() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            frozenAt(now.minus(Duration.ofDays(91)).plusSeconds(i))
                    .write(line(workflow, null, Level.INFO, "old", "old " + i));
        }
        frozenAt(now.minus(Duration.ofDays(89))).write(line(workflow, null, Level.INFO, "recent", "recent"));
        logs.write(line(workflow, null, Level.INFO, "now", "now"));

        assertThat(pruning.pruneExpired()).isGreaterThanOrEqualTo(5);

        assertThat(jdbc.sql("select message from automation_logs where workflow_id = ? order by id")
                        .param(workflow)
                        .query(String.class)
                        .list())
                .containsExactly("recent", "now");
    }

    @Test
    void aPruneDeletesBatchAfterBatchUpToTheCutoff() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        Instant cutoff = Instant.parse("2001-01-01T00:00:00Z");
        for (int i = 0; i < 7; i++) {
            frozenAt(cutoff.minusSeconds(10 - i)).write(line(workflow, null, Level.INFO, "old", "old " + i));
        }
        frozenAt(cutoff).write(line(workflow, null, Level.INFO, "kept", "at the cutoff"));

        assertThat(pruning.prune(cutoff, 2)).isEqualTo(7);

        assertThat(jdbc.sql("select message from automation_logs where workflow_id = ?")
                        .param(workflow)
                        .query(String.class)
                        .list())
                .containsExactly("at the cutoff");
    }

    private static List<String> messages(ApiClient admin, String path) {
        List<String> messages = new ArrayList<>();
        admin.get(path)
                .expectStatus(200)
                .json()
                .get("items")
                .forEach(item -> messages.add(item.get("message").asString()));
        return messages;
    }

    private static String field(ApiClient admin, String path) {
        return admin.get(path)
                .expectStatus(400)
                .json()
                .get("errors")
                .get(0)
                .get("field")
                .asString();
    }
}

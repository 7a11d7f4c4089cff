package app.dukkan.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.JobQueue;
import app.dukkan.platform.Jobs;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Prometheus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@DukkanTest
class QueueAdminTests {

    @LocalServerPort
    int port;

    @Autowired
    Jobs jobs;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    ApiClient admin;

    @BeforeEach
    void signIn() {
        admin = new CatalogFixtures(port).admin();
    }

    @Test
    void statsCountScheduledFailedAndDeadJobsPerQueueAndTask() {
        JsonNode before =
                admin.get("/api/v1/admin/queues/stats").expectStatus(200).json();

        String later = UUID.randomUUID().toString();
        jobs.schedule(
                TestJobs.COUNTED, later, new TestJobs.Work(later), Instant.now().plus(Duration.ofHours(1)));
        String failing = UUID.randomUUID().toString();
        jobs.schedule(TestJobs.RETRYING, failing, new TestJobs.Work(failing));
        String doomed = UUID.randomUUID().toString();
        jobs.schedule(TestJobs.DOOMED, doomed, new TestJobs.Work(doomed));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("select count(*) from job_dead_letters where task_instance = ?", doomed) == 1
                        && count(
                                        "select count(*) from scheduled_tasks where task_instance = ? and consecutive_failures = 1",
                                        failing)
                                == 1);

        JsonNode after =
                admin.get("/api/v1/admin/queues/stats").expectStatus(200).json();
        assertThat(queue(after, "default").get("depth").asLong())
                .isEqualTo(queue(before, "default").get("depth").asLong() + 1);
        assertThat(queue(after, "bulk").get("failed").asLong())
                .isEqualTo(queue(before, "bulk").get("failed").asLong() + 1);
        assertThat(queue(after, "bulk").get("depth").asLong())
                .as("a job waiting for its retry is waiting")
                .isEqualTo(queue(before, "bulk").get("depth").asLong() + 1);
        assertThat(queue(after, "critical").get("dead").asLong())
                .isEqualTo(queue(before, "critical").get("dead").asLong() + 1);
        JsonNode retrying = task(after, "test-retrying");
        assertThat(retrying.get("queue").asString()).isEqualTo("bulk");
        assertThat(retrying.get("counts").get("failed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(task(after, "test-doomed").get("counts").get("dead").asLong())
                .isGreaterThanOrEqualTo(1);
        assertThat(after.get("queues")).hasSize(3);
    }

    @Test
    void bulkJobsPostponedWhileTheShopIsBusyCountAsWaitingNotDue() {
        JsonNode before =
                admin.get("/api/v1/admin/queues/stats").expectStatus(200).json();
        String postponed = "test-postponed-" + UUID.randomUUID();
        jdbc.sql("""
                        insert into postponed_jobs (task_name, task_instance, priority, due_by)
                        values ('order-receipt', ?, ?, now() + interval '10 minutes')""").params(postponed, JobQueue.BULK.priority()).update();
        try {
            JsonNode after =
                    admin.get("/api/v1/admin/queues/stats").expectStatus(200).json();
            assertThat(queue(after, "bulk").get("depth").asLong())
                    .isEqualTo(queue(before, "bulk").get("depth").asLong() + 1);
            assertThat(queue(after, "bulk").get("due").asLong())
                    .isEqualTo(queue(before, "bulk").get("due").asLong());
            assertThat(task(after, "order-receipt").get("queue").asString()).isEqualTo("bulk");
        } finally {
            jdbc.sql("delete from postponed_jobs where task_instance = ?")
                    .param(postponed)
                    .update();
        }
    }

    @Test
    void deadLettersArePagedNewestFirstAndFilteredByTask() {
        String task = "test-paged-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(deadLetter(task, "k" + i));
        }
        JsonNode first = admin.get("/api/v1/admin/queues/dlq?task=" + task + "&size=2")
                .expectStatus(200)
                .json();
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).get("id").asString())
                .isEqualTo(ids.get(4).toString());
        assertThat(first.get("items").get(0).get("payload").asString()).contains("k4");
        assertThat(first.get("items").get(0).get("last_error").asString()).isEqualTo("boom");
        assertThat(first.get("items").get(0).get("attempts").asInt()).isEqualTo(3);
        assertThat(first.get("items").get(0).has("failed_at")).isTrue();
        JsonNode last = admin.get("/api/v1/admin/queues/dlq?task=" + task + "&size=2&page=2")
                .expectStatus(200)
                .json();
        assertThat(last.get("items")).hasSize(1);
        assertThat(last.get("items").get(0).get("id").asString())
                .isEqualTo(ids.get(0).toString());
        admin.get("/api/v1/admin/queues/dlq?size=0").expectStatus(400);
    }

    @Test
    void requeueOneAFilterOrAllReplaysEachDeadLetterOnce() {
        String key = UUID.randomUUID().toString();
        UUID one = deadLetter(TestJobs.COUNTED.name(), key);
        admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("id", one.toString()))
                .expectStatus(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestJobs.EFFECTS.contains(key));
        admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("id", one.toString()))
                .expectStatus(404);

        String task = TestJobs.REPLAYED.name();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        UUID first = deadLetter(task, a);
        UUID second = deadLetter(task, b);
        JsonNode filtered = admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("task", task))
                .expectStatus(200)
                .json();
        assertThat(filtered.get("requeued").asInt()).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestJobs.EFFECTS.contains(a) && TestJobs.EFFECTS.contains(b));
        assertThat(deadLetters.find(first).orElseThrow().requeuedAt()).isNotNull();
        assertThat(deadLetters.find(second).orElseThrow().requeuedAt()).isNotNull();
        assertThat(admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("task", task))
                        .expectStatus(200)
                        .json()
                        .get("requeued")
                        .asInt())
                .isZero();

        String c = UUID.randomUUID().toString();
        String d = UUID.randomUUID().toString();
        UUID third = deadLetter(task, c);
        UUID fourth = deadLetter(TestJobs.COUNTED.name(), d);
        JsonNode all = admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("all", true))
                .expectStatus(200)
                .json();
        assertThat(all.get("requeued").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(deadLetters.find(third).orElseThrow().requeuedAt()).isNotNull();
        assertThat(deadLetters.find(fourth).orElseThrow().requeuedAt()).isNotNull();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestJobs.EFFECTS.contains(c) && TestJobs.EFFECTS.contains(d));

        // a letter that failed after the call began (a replayed job failing again) waits for the next call
        UUID later = deadLetter(task, UUID.randomUUID().toString());
        jdbc.sql("update job_dead_letters set failed_at = now() + interval '1 minute' where id = ?")
                .param(later)
                .update();
        admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("all", true)).expectStatus(200);
        assertThat(deadLetters.find(later).orElseThrow().requeuedAt()).isNull();
    }

    @Test
    void requeueRefusesUnknownIdsAndBadBodies() {
        admin.post(
                        "/api/v1/admin/queues/dlq/requeue",
                        Map.of("id", UUID.randomUUID().toString()))
                .expectStatus(404);
        admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("id", "not-a-uuid"))
                .expectStatus(400);
        admin.post("/api/v1/admin/queues/dlq/requeue", Map.of()).expectStatus(400);
        admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("all", false)).expectStatus(400);
        admin.post("/api/v1/admin/queues/dlq/requeue", Map.of("all", true, "task", "x"))
                .expectStatus(400);
        admin.sendRaw("POST", "/api/v1/admin/queues/dlq/requeue", "{not json", "application/json")
                .expectStatus(400);
    }

    @Test
    void onlyAdminsSeeTheQueues() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        ApiClient anonymous = fixtures.anonymous();
        anonymous.get("/api/v1/admin/queues/stats").expectStatus(401);
        anonymous.get("/api/v1/admin/queues/dlq").expectStatus(401);
        ApiClient customer = fixtures.customer();
        customer.get("/api/v1/admin/queues/stats").expectStatus(403);
        customer.post("/api/v1/admin/queues/dlq/requeue", Map.of("all", true)).expectStatus(403);
        ApiClient seller = fixtures.seller();
        seller.get("/api/v1/admin/queues/dlq").expectStatus(403);
    }

    @Test
    void queueGaugesArePublishedFromTheCountsCache() {
        for (String name : List.of("job.queue.depth", "job.queue.running", "job.queue.failed", "job.queue.dead")) {
            for (String queue : List.of("critical", "default", "bulk")) {
                assertThat(meters.get(name).tag("queue", queue).gauge().value())
                        .as(name + " " + queue)
                        .isGreaterThanOrEqualTo(0);
            }
        }
        String later = UUID.randomUUID().toString();
        double before =
                meters.get("job.queue.depth").tag("queue", "default").gauge().value();
        jobs.schedule(
                TestJobs.COUNTED, later, new TestJobs.Work(later), Instant.now().plus(Duration.ofHours(1)));
        assertThat(meters.get("job.queue.depth").tag("queue", "default").gauge().value())
                .as("read from the cache, not per scrape")
                .isEqualTo(before);
    }

    @Test
    void queuedAndDeadGaugesShowTheDueJobsAndTheDeadLettersPerQueue() {
        Prometheus prometheus = new Prometheus(port);
        Map<String, String> critical = Map.of("queue", "critical");
        double dead = prometheus.value("dukkan_jobs_dead", critical);
        String later = UUID.randomUUID().toString();
        jobs.schedule(
                TestJobs.COUNTED, later, new TestJobs.Work(later), Instant.now().plus(Duration.ofHours(1)));
        String doomed = UUID.randomUUID().toString();
        jobs.schedule(TestJobs.DOOMED, doomed, new TestJobs.Work(doomed));

        // the gauges read the counts again at most every dukkan.jobs.gauge-refresh (5 s)
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(prometheus.value("dukkan_jobs_dead", critical))
                        .isEqualTo(dead + 1));
        JsonNode stats =
                admin.get("/api/v1/admin/queues/stats").expectStatus(200).json();
        assertThat(prometheus.value("dukkan_jobs_queued", Map.of("queue", "default")))
                .as("due jobs only: the one scheduled for later is not queued yet")
                .isEqualTo(queue(stats, "default").get("due").asDouble());
    }

    private UUID deadLetter(String task, String key) {
        UUID id = transactions.execute(s -> deadLetters.add(
                task,
                key,
                "default",
                20,
                new JobEnvelope("{\"key\":\"" + key + "\"}", System.currentTimeMillis()),
                "boom",
                3));
        try {
            Thread.sleep(2); // distinct failed_at
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return id;
    }

    private long count(String sql, Object param) {
        var statement = jdbc.sql(sql);
        if (param != null) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    private static JsonNode queue(JsonNode stats, String name) {
        for (JsonNode queue : stats.get("queues")) {
            if (queue.get("queue").asString().equals(name)) {
                return queue.get("counts");
            }
        }
        throw new AssertionError("no queue " + name);
    }

    private static JsonNode task(JsonNode stats, String name) {
        for (JsonNode task : stats.get("tasks")) {
            if (task.get("task").asString().equals(name)) {
                return task;
            }
        }
        throw new AssertionError("no task " + name);
    }
}

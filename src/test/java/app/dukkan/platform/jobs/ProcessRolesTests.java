package app.dukkan.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.DukkanApplication;
import app.dukkan.platform.Jobs;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.Prometheus;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.Jackson3Serializer;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Process roles on one database. This class's context is a web-only process ({@code
 * dukkan.roles=web}); the later tests start a worker-only process beside it on the same database
 * (real HTTP on a port of its own), and the last one stops that worker while jobs run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dukkan.roles=web")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// closed afterwards: a context of its own that no other class shares
@DirtiesContext
class ProcessRolesTests {

    /** The worker's {@code db-scheduler.shutdown-max-wait}: it waits twice this long, then releases. */
    static final Duration SHUTDOWN_WAIT = Duration.ofMillis(1500);

    @LocalServerPort
    int port;

    @Autowired
    Jobs jobs;

    @Autowired
    Scheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    private @Nullable ConfigurableApplicationContext worker;
    private final List<String> stuck = new CopyOnWriteArrayList<>();

    @AfterAll
    void stopTheWorker() {
        if (worker != null) {
            worker.close();
        }
        stuck.forEach(TestJobs::release);
    }

    @Test
    @Order(1)
    void aWebOnlyProcessServesTheShopAndSchedulesJobsButRunsNone() {
        ApiClient client = new ApiClient(port);
        client.get("/readyz").expectStatus(200);
        client.get("/api/v1/products").expectStatus(200);
        assertThat(scheduler.getSchedulerState().isStarted()).isFalse();

        String key = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> jobs.schedule(TestJobs.COUNTED, key, new TestJobs.Work(key)));
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> rows(key) == 1 && runs(key) == 0);
        // not for the worker of the next tests
        jdbc.sql("delete from scheduled_tasks where task_instance = ?")
                .param(key)
                .update();
    }

    @Test
    @Order(2)
    void aWorkerOnlyProcessAnswersItsProbesAndMetricsAndNotFoundToEverythingElse() throws Exception {
        int workerPort = worker().getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        ApiClient client = new ApiClient(workerPort).withoutCsrf();
        client.get("/livez").expectStatus(200);
        client.get("/readyz").expectStatus(200);
        client.get("/actuator/health").expectStatus(200);
        client.get("/actuator/prometheus").expectStatus(401);
        // a key made through the web process works on the worker (one database)
        String key = Prometheus.key(port);
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + workerPort + "/actuator/prometheus"))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("job_queue_depth", "job_latency_seconds");

        for (String path : List.of("/", "/api/v1/products", "/api/docs", "/admin/mailbox")) {
            ApiClient.Response response = client.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).contains("worker process");
        }
        ApiClient.Response login = client.post("/api/v1/auth/login", Map.of("email", "a@b.c", "password", "x"));
        assertThat(login.status())
                .as("a write is refused before security or CSRF")
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void onShutdownAWorkerLetsRunningJobsFinishAndReleasesThoseThatOutlastTheWait() throws Exception {
        ConfigurableApplicationContext process = worker();
        Jobs workerJobs = process.getBean(Jobs.class);
        String finishing = "finishing-" + UUID.randomUUID();
        String blocked = "stuck-" + UUID.randomUUID();
        stuck.add(blocked);
        workerJobs.schedule(TestJobs.FINISHING, finishing, new TestJobs.Work(finishing));
        workerJobs.schedule(TestJobs.STUCK, blocked, new TestJobs.Work(blocked));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> TestJobs.STARTED.containsAll(List.of(finishing, blocked)));

        long closing = System.nanoTime();
        process.close();
        Duration took = Duration.ofNanos(System.nanoTime() - closing);

        assertThat(took)
                .as("the worker waits for its jobs twice the shutdown wait at most")
                .isLessThan(SHUTDOWN_WAIT.multipliedBy(2).plusSeconds(5));
        assertThat(TestJobs.EFFECTS)
                .as("a job that ends within the wait finishes")
                .contains(finishing);
        assertThat(rows(finishing)).isZero();
        assertThat(TestJobs.EFFECTS).doesNotContain(blocked);
        Map<String, Object> row = jdbc.sql(
                        "select picked, picked_by, last_heartbeat from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(TestJobs.STUCK.name(), blocked)
                .query()
                .singleRow();
        assertThat(row.get("picked")).as("released for another worker").isEqualTo(false);
        assertThat(row.get("picked_by")).isNull();
        assertThat(row.get("last_heartbeat")).isNull();

        // Another worker (here a bare db-scheduler with the same task) takes it at once, not after
        // the heartbeat timeout, and runs it to its end once.
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        List<String> runs = new CopyOnWriteArrayList<>();
        Scheduler second = Scheduler.create(
                        new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", ""),
                        Tasks.oneTime(TestJobs.STUCK.name(), JobEnvelope.class)
                                .execute((instance, context) -> runs.add(instance.getId())))
                .serializer(new Jackson3Serializer())
                .pollingInterval(Duration.ofMillis(100))
                .threads(1)
                .build();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.contains(blocked) && rows(blocked) == 0);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> runs.equals(List.of(blocked)));
        } finally {
            second.stop();
        }
    }

    /** A worker-only process on this class's database, started on first use. */
    private ConfigurableApplicationContext worker() throws Exception {
        if (worker == null) {
            String url;
            try (Connection connection = dataSource.getConnection()) {
                url = connection.getMetaData().getURL();
            }
            worker = new SpringApplicationBuilder(DukkanApplication.class)
                    .profiles("test")
                    .run(
                            "--dukkan.roles=worker",
                            "--server.port=0",
                            "--spring.datasource.url=" + url,
                            "--spring.datasource.username=postgres",
                            "--db-scheduler.shutdown-max-wait=" + SHUTDOWN_WAIT.toMillis() + "ms",
                            "--db-scheduler.polling-interval=200ms");
        }
        return worker;
    }

    private long rows(String key) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
                .param(key)
                .query(Long.class)
                .single();
    }

    private static int runs(String key) {
        AtomicInteger runs = TestJobs.RUNS.get(key);
        return runs == null ? 0 : runs.get();
    }
}

package app.dukkan.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.RetryPolicy;
import app.dukkan.testing.DukkanTest;
import com.github.kagkarlsson.scheduler.Scheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * When bulk jobs wait, against the job table. The jobs of the first tests belong to task names no
 * scheduler knows, so they stay where the yield puts them; the last test runs its own scheduler.
 */
@DukkanTest
class BulkYieldTests {

    private static final Duration PAUSE = Duration.ofSeconds(30);
    private static final Duration MAX_DEFERRAL = Duration.ofMinutes(10);
    private static final String BULK = "test-unknown-bulk";
    private static final String OTHER = "test-unknown-default";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DbSchedulerJobs jobs;

    private final String prefix = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeJobs() {
        jdbc.sql("delete from scheduled_tasks where task_instance like ?")
                .param(prefix + "%")
                .update();
    }

    /** A machine at that CPU load, serving that many requests a second. */
    private BulkYield machine(double cpu, long requestsPerSecond) {
        AtomicLong served = new AtomicLong();
        BulkYield yield = new BulkYield(
                jdbc,
                () -> cpu,
                () -> served.addAndGet(requestsPerSecond),
                0.85,
                10,
                PAUSE,
                MAX_DEFERRAL,
                new SimpleMeterRegistry());
        yield.register(BULK, JobQueue.BULK);
        yield.register(OTHER, JobQueue.DEFAULT);
        return yield;
    }

    private JobEnvelope enqueue(String task, String key, JobQueue queue, Instant enqueuedAt, Instant due) {
        JobEnvelope envelope = new JobEnvelope("{}", enqueuedAt.toEpochMilli());
        jobs.enqueue(task, prefix + key, envelope, queue.priority(), due);
        return envelope;
    }

    private Instant due(String key) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_instance = ?")
                .param(prefix + key)
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    @Test
    void aBusyMachineMovesNewAndDueBulkJobsToTheNextBoundaryTogether() {
        Instant now = Instant.now();
        Instant past = now.minusSeconds(1);
        JobEnvelope picked = enqueue(BULK, "picked", JobQueue.BULK, now, past);
        enqueue(BULK, "due", JobQueue.BULK, now.minusSeconds(60), past);
        enqueue(BULK, "old", JobQueue.BULK, now.minus(MAX_DEFERRAL).minusSeconds(60), past);
        enqueue(BULK, "later", JobQueue.BULK, now, now.plus(Duration.ofHours(1)));
        enqueue(OTHER, "mail", JobQueue.DEFAULT, now, past);
        Instant laterDue = due("later");
        Instant mailDue = due("mail");

        try (BulkYield busy = machine(0.95, 100)) {
            // the sampler reads the load on its own thread, twice before it knows the request rate
            Instant until =
                    await().atMost(Duration.ofSeconds(5)).until(() -> busy.postponeIfBusy(picked, 0), t -> t != null);

            assertThat(until.toEpochMilli() % PAUSE.toMillis())
                    .as("an epoch-aligned boundary")
                    .isZero();
            assertThat(until)
                    .isAfter(Instant.now())
                    .isBeforeOrEqualTo(Instant.now().plus(PAUSE));
            assertThat(due("due")).as("a due bulk job").isCloseTo(until, within(1, ChronoUnit.MILLIS));
            assertThat(due("old"))
                    .as("a bulk job enqueued before the longest deferral")
                    .isEqualTo(past.truncatedTo(ChronoUnit.MICROS));
            assertThat(due("later")).as("a bulk job not due yet").isEqualTo(laterDue);
            assertThat(due("mail")).as("a job of another queue").isEqualTo(mailDue);

            Instant at = Instant.now();
            assertThat(busy.start(JobQueue.BULK, at)).as("a new bulk job").isEqualTo(until);
            assertThat(busy.start(JobQueue.BULK, laterDue))
                    .as("a bulk job for later")
                    .isEqualTo(laterDue);
            assertThat(busy.start(JobQueue.DEFAULT, at))
                    .as("a job of another queue")
                    .isEqualTo(at);
            assertThat(busy.postponeIfBusy(picked, 1))
                    .as("a job that failed before")
                    .isNull();
            assertThat(busy.postponeIfBusy(
                            new JobEnvelope(
                                    "{}",
                                    now.minus(MAX_DEFERRAL).minusSeconds(1).toEpochMilli()),
                            0))
                    .as("a job enqueued longer ago than the longest deferral")
                    .isNull();
        }
    }

    @Test
    void anIdleMachineADrainingBacklogOrATurnedOffYieldRunBulkJobsAtOnce() throws InterruptedException {
        Instant now = Instant.now();
        JobEnvelope fresh = enqueue(BULK, "job", JobQueue.BULK, now, now.minusSeconds(1));
        Instant before = due("job");
        try (BulkYield idle = machine(0.30, 100);
                // bulk jobs load the CPU by themselves: without requests a backlog drains
                BulkYield draining = machine(0.95, 0);
                BulkYield off =
                        new BulkYield(jdbc, null, () -> 0, 0, 0, PAUSE, MAX_DEFERRAL, new SimpleMeterRegistry())) {
            Thread.sleep(2_200); // the samplers have read the load twice
            for (BulkYield yield : List.of(idle, draining, off)) {
                assertThat(yield.postponeIfBusy(fresh, 0)).isNull();
                assertThat(yield.start(JobQueue.BULK, now)).isEqualTo(now);
            }
        }
        assertThat(due("job")).isEqualTo(before);
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    JsonMapper json;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    TransactionTemplate transactions;

    /**
     * The runner on a real db-scheduler: a due bulk job is put back while the machine is busy and
     * runs once it is older than the longest deferral. Its task name is unknown to the test
     * context's own scheduler, which therefore leaves it alone.
     */
    @Test
    void withASchedulerADueBulkJobIsPutBackWhileBusyAndRunsWhenOldEnough() {
        String task = "test-yield-" + prefix;
        JobType<TestJobs.Work> type = new JobType<>(
                task, TestJobs.Work.class, JobQueue.BULK, RetryPolicy.exponential(1, Duration.ofSeconds(1)));
        AtomicInteger runs = new AtomicInteger();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AtomicLong served = new AtomicLong();
        try (BulkYield busy = new BulkYield(
                jdbc,
                () -> 1.0,
                served::incrementAndGet,
                0.85,
                0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(4),
                meters)) {
            JobRunner runner = new JobRunner(json, deadLetters, transactions, meters, busy, Clock.systemUTC());
            Scheduler scheduler = Scheduler.create(
                            dataSource, List.of(runner.task(type, work -> runs.incrementAndGet())))
                    .serializer(JobsConfiguration.JOB_DATA)
                    .enablePriority()
                    .pollingInterval(Duration.ofMillis(100))
                    .threads(1)
                    .build();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> busy.start(JobQueue.BULK, Instant.now()).isAfter(Instant.now()));
            Instant enqueued = Instant.now();
            jobs.enqueue(
                    task, prefix + "job", new JobEnvelope("{\"key\":\"job\"}", enqueued.toEpochMilli()), 10, enqueued);
            scheduler.start();
            try {
                await().atMost(Duration.ofSeconds(3))
                        .until(() -> meters.counter("job.bulk.postponed").count() >= 1);
                assertThat(runs).as("runs while the machine is busy").hasValue(0);
                assertThat(due("job")).isAfter(enqueued);

                await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
                assertThat(Duration.between(enqueued, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
                await().atMost(Duration.ofSeconds(3))
                        .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_name = ?")
                                        .param(task)
                                        .query(Long.class)
                                        .single()
                                == 0);
            } finally {
                scheduler.stop();
            }
        }
    }
}

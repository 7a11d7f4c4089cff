package app.dukkan.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.RetryPolicy;
import app.dukkan.testing.DukkanTest;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk jobs enqueued while the shop is busy, against the job table. The jobs belong to task names no
 * scheduler knows, so they stay as the yield leaves them.
 */
@DukkanTest
class BulkYieldTests {

    private static final Duration MAX_DEFERRAL = Duration.ofMinutes(10);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectProvider<SchedulerClient> scheduler;

    @Autowired
    ObjectProvider<DeadLetters> deadLetters;

    @Autowired
    JobTracing tracing;

    @Autowired
    JsonMapper json;

    private final String prefix = "test-yield-" + UUID.randomUUID().toString().substring(0, 8);
    private final JobType<TestJobs.Work> bulk = new JobType<>(
            prefix + "-bulk", TestJobs.Work.class, JobQueue.BULK, RetryPolicy.exponential(1, Duration.ofSeconds(1)));
    private final JobType<TestJobs.Work> mail = new JobType<>(
            prefix + "-mail", TestJobs.Work.class, JobQueue.DEFAULT, RetryPolicy.exponential(1, Duration.ofSeconds(1)));

    @AfterEach
    void removeJobs() {
        for (String table : List.of("scheduled_tasks", "postponed_jobs")) {
            jdbc.sql("delete from " + table + " where task_name like ?")
                    .param(prefix + "%")
                    .update();
        }
    }

    /** A machine at the CPU load {@code cpu} holds, serving that many requests a second. */
    private BulkYield machine(AtomicReference<Double> cpu, long requestsPerSecond) {
        AtomicLong served = new AtomicLong();
        return new BulkYield(
                jdbc,
                cpu::get,
                () -> served.addAndGet(requestsPerSecond),
                0.85,
                10,
                MAX_DEFERRAL,
                new SimpleMeterRegistry());
    }

    private DbSchedulerJobs jobs(BulkYield yield) {
        return new DbSchedulerJobs(
                scheduler,
                deadLetters,
                new SimpleMeterRegistry(),
                jdbc,
                json,
                yield,
                tracing,
                new RunningJobs(jdbc),
                Clock.systemUTC());
    }

    private record Row(Instant due, boolean postponed) {}

    /** The job's one row, in the job table or among the postponed ones. */
    private Row row(JobType<?> type, String key) {
        return jdbc.sql("""
                        select execution_time as due, false as postponed from scheduled_tasks
                        where task_name = :task and task_instance = :key
                        union all
                        select due_by, true from postponed_jobs where task_name = :task and task_instance = :key""")
                .param("task", type.name())
                .param("key", key)
                .query((rs, n) -> new Row(rs.getTimestamp("due").toInstant(), rs.getBoolean("postponed")))
                .single();
    }

    @Test
    void bulkJobsEnqueuedWhileBusyWaitUntilTheShopIsNoLongerBusy() {
        AtomicReference<Double> cpu = new AtomicReference<>(0.95);
        try (BulkYield yield = machine(cpu, 100)) {
            DbSchedulerJobs jobs = jobs(yield);
            // the sampler needs two samples to know the request rate
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> yield.start(JobQueue.BULK, Instant.now()).postponed());

            Instant now = Instant.now();
            jobs.schedule(bulk, "receipt", new TestJobs.Work("receipt"));
            jobs.schedule(bulk, "overdue", new TestJobs.Work("overdue"));
            jobs.schedule(bulk, "tomorrow", new TestJobs.Work("tomorrow"), now.plus(Duration.ofDays(1)));
            jobs.schedule(mail, "mail", new TestJobs.Work("mail"));
            assertThat(row(bulk, "receipt").postponed()).isTrue();
            assertThat(row(bulk, "receipt").due()).isCloseTo(now.plus(MAX_DEFERRAL), within(5, ChronoUnit.SECONDS));
            assertThat(jobs.schedule(bulk, "receipt", new TestJobs.Work("again")))
                    .as("a postponed key is taken")
                    .isFalse();
            // a bulk job for after the longest deferral keeps its time (stored to the microsecond)
            assertThat(row(bulk, "tomorrow").postponed()).isFalse();
            assertThat(row(bulk, "tomorrow").due())
                    .isCloseTo(now.plus(Duration.ofDays(1)), within(1, ChronoUnit.MILLIS));
            assertThat(row(mail, "mail").postponed())
                    .as("a job of another queue")
                    .isFalse();
            assertThat(row(mail, "mail").due()).isBeforeOrEqualTo(Instant.now());
            // no job waits longer than the longest deferral, however long the shop stays busy
            jdbc.sql(
                            "update postponed_jobs set due_by = now() - interval '1 second' where task_name = ? and task_instance = ?")
                    .params(bulk.name(), "overdue")
                    .update();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !row(bulk, "overdue").postponed());
            assertThat(row(bulk, "overdue").due()).isBeforeOrEqualTo(Instant.now());
            assertThat(row(bulk, "receipt").postponed()).isTrue();

            cpu.set(0.30);
            Instant idleFrom = Instant.now();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !row(bulk, "receipt").postponed());
            assertThat(Duration.between(idleFrom, Instant.now()))
                    .as("released only after a few idle seconds")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(BulkYield.RELEASE_AFTER_IDLE_SECONDS - 1));
            assertThat(row(bulk, "receipt").due()).isBeforeOrEqualTo(Instant.now());
            assertThat(row(bulk, "tomorrow").postponed()).isFalse();
            assertThat(row(bulk, "tomorrow").due())
                    .isCloseTo(now.plus(Duration.ofDays(1)), within(1, ChronoUnit.MILLIS));
        }
    }

    @Test
    void aDrainingBacklogAnIdleMachineOrATurnedOffYieldPostponeNothing() throws InterruptedException {
        AtomicReference<Double> busyCpu = new AtomicReference<>(0.95);
        AtomicReference<Double> idleCpu = new AtomicReference<>(0.30);
        Instant now = Instant.now();
        try (BulkYield draining = machine(busyCpu, 0); // bulk jobs load the CPU by themselves
                BulkYield idle = machine(idleCpu, 100);
                BulkYield off = new BulkYield(jdbc, null, () -> 0, 0, 0, MAX_DEFERRAL, new SimpleMeterRegistry())) {
            Thread.sleep(2_200); // the samplers have sampled twice
            for (BulkYield yield : List.of(draining, idle, off)) {
                assertThat(yield.start(JobQueue.BULK, now)).isEqualTo(new BulkYield.Start(now, false));
            }
        }
    }
}

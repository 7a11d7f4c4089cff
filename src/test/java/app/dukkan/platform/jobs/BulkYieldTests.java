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
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** When bulk jobs wait: the decisions, with the machine's load given. */
class BulkYieldTests {

    private static final Duration PAUSE = Duration.ofSeconds(30);
    private static final Duration MAX_DEFERRAL = Duration.ofMinutes(10);

    private static BulkYield withLoad(double cpu) {
        return new BulkYield(() -> cpu, 0.85, PAUSE, MAX_DEFERRAL, new SimpleMeterRegistry());
    }

    private static JobEnvelope enqueued(Instant at) {
        return new JobEnvelope("{}", at.toEpochMilli());
    }

    @Test
    void aBusyMachinePutsNewAndDueBulkJobsAPauseAhead() {
        try (BulkYield busy = withLoad(0.95)) {
            JobEnvelope fresh = enqueued(Instant.now());
            // the sampler reads the load on its own thread
            Instant until =
                    await().atMost(Duration.ofSeconds(5)).until(() -> busy.postponeIfBusy(fresh, 0), t -> t != null);
            assertThat(until).isCloseTo(Instant.now().plus(PAUSE), within(2, ChronoUnit.SECONDS));

            Instant at = Instant.now();
            assertThat(busy.start(JobQueue.BULK, at))
                    .as("a new bulk job")
                    .isCloseTo(at.plus(PAUSE), within(2, ChronoUnit.SECONDS));
            Instant later = at.plus(Duration.ofHours(1));
            assertThat(busy.start(JobQueue.BULK, later))
                    .as("a bulk job for later")
                    .isEqualTo(later);
            assertThat(busy.start(JobQueue.DEFAULT, at))
                    .as("a job of another queue")
                    .isEqualTo(at);
            assertThat(busy.start(JobQueue.CRITICAL, at)).isEqualTo(at);

            assertThat(busy.postponeIfBusy(fresh, 1))
                    .as("a job that failed before")
                    .isNull();
            assertThat(busy.postponeIfBusy(
                            enqueued(Instant.now().minus(MAX_DEFERRAL).minusSeconds(1)), 0))
                    .as("a job enqueued longer ago than the longest deferral")
                    .isNull();
        }
    }

    @Test
    void anIdleMachineOrATurnedOffYieldRunsBulkJobsAtOnce() throws InterruptedException {
        JobEnvelope fresh = enqueued(Instant.now());
        Instant at = Instant.now();
        try (BulkYield idle = withLoad(0.30)) {
            Thread.sleep(1_200); // the sampler has read the load
            assertThat(idle.postponeIfBusy(fresh, 0)).isNull();
            assertThat(idle.start(JobQueue.BULK, at)).isEqualTo(at);
        }
        try (BulkYield off = new BulkYield(null, 0, PAUSE, MAX_DEFERRAL, new SimpleMeterRegistry())) {
            assertThat(off.postponeIfBusy(fresh, 0)).isNull();
            assertThat(off.start(JobQueue.BULK, at)).isEqualTo(at);
        }
    }

    /**
     * The runner with a real db-scheduler on the shop's table: a due bulk job is put back while the
     * machine is busy and runs once it is older than the longest deferral. Its task name is unknown
     * to the test context's own scheduler, which therefore leaves it alone.
     */
    @Nested
    @DukkanTest
    class WithAScheduler {

        @Autowired
        DataSource dataSource;

        @Autowired
        DbSchedulerJobs jobs;

        @Autowired
        JdbcClient jdbc;

        @Autowired
        JsonMapper json;

        @Autowired
        DeadLetters deadLetters;

        @Autowired
        TransactionTemplate transactions;

        @Test
        void aDueBulkJobIsPutBackWhileBusyAndRunsWhenOldEnough() {
            String task = "test-yield-" + UUID.randomUUID().toString().substring(0, 8);
            JobType<TestJobs.Work> type = new JobType<>(
                    task, TestJobs.Work.class, JobQueue.BULK, RetryPolicy.exponential(1, Duration.ofSeconds(1)));
            AtomicInteger runs = new AtomicInteger();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (BulkYield busy =
                    new BulkYield(() -> 1.0, 0.85, Duration.ofSeconds(1), Duration.ofSeconds(4), meters)) {
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
                jobs.enqueue(task, "job", new JobEnvelope("{\"key\":\"job\"}", enqueued.toEpochMilli()), 10, enqueued);
                scheduler.start();
                try {
                    await().atMost(Duration.ofSeconds(3))
                            .until(() -> meters.counter("job.bulk.postponed").count() >= 1);
                    assertThat(runs).as("runs while the machine is busy").hasValue(0);
                    assertThat(jdbc.sql("select execution_time from scheduled_tasks where task_name = ?")
                                    .param(task)
                                    .query(Timestamp.class)
                                    .single()
                                    .toInstant())
                            .isAfter(enqueued);

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
                    jdbc.sql("delete from scheduled_tasks where task_name = ?")
                            .param(task)
                            .update();
                }
            }
        }
    }
}

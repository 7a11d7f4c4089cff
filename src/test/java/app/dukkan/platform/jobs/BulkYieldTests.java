package app.dukkan.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.JobQueue;
import app.dukkan.testing.DukkanTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The yield's statement and decisions against the job table. Its jobs belong to task names no
 * scheduler knows, so they stay where the yield puts them.
 */
@DukkanTest
class BulkYieldTests {

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

    private BulkYield yielding(double cpu, double busyCpu) {
        BulkYield bulk = new BulkYield(
                jdbc, () -> cpu, busyCpu, Duration.ofSeconds(30), Duration.ofMinutes(10), new SimpleMeterRegistry());
        bulk.register(BULK, JobQueue.BULK);
        bulk.register(OTHER, JobQueue.DEFAULT);
        return bulk;
    }

    private JobEnvelope enqueue(String task, String key, JobQueue queue, Instant enqueuedAt) {
        JobEnvelope envelope = new JobEnvelope("{}", enqueuedAt.toEpochMilli());
        jobs.enqueue(
                task, prefix + key, envelope, queue.priority(), Instant.now().minusSeconds(1));
        return envelope;
    }

    private Instant due(String key) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_instance = ?")
                .param(prefix + key)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
    }

    @Test
    void aBusyMachineMovesTheDueBulkJobsAheadInOneGo() {
        Instant now = Instant.now();
        JobEnvelope picked = enqueue(BULK, "picked", JobQueue.BULK, now);
        enqueue(BULK, "waiting", JobQueue.BULK, now.minusSeconds(60));
        enqueue(BULK, "old", JobQueue.BULK, now.minus(Duration.ofMinutes(11)));
        enqueue(OTHER, "mail", JobQueue.DEFAULT, now);
        Instant mailDue = due("mail");

        try (BulkYield busy = yielding(0.95, 0.85)) {
            // the sampler reads the load on its own thread
            Instant until =
                    await().atMost(Duration.ofSeconds(5)).until(() -> busy.postponeIfBusy(picked, 0), t -> t != null);

            assertThat(until).isCloseTo(Instant.now().plusSeconds(30), within(2, ChronoUnit.SECONDS));
            assertThat(due("waiting")).as("a due bulk job").isCloseTo(until, within(1, ChronoUnit.MILLIS));
            assertThat(due("old"))
                    .as("a bulk job older than the longest deferral")
                    .isBefore(now);
            assertThat(due("mail")).as("a job of another queue").isEqualTo(mailDue);
            Instant later = Instant.now().plusSeconds(5);
            jdbc.sql("update scheduled_tasks set execution_time = ? where task_instance = ?")
                    .params(java.sql.Timestamp.from(later), prefix + "waiting")
                    .update();
            busy.postponeIfBusy(picked, 0);
            assertThat(due("waiting")).as("a job not due yet").isCloseTo(later, within(1, ChronoUnit.MILLIS));
            Instant at = Instant.now();
            assertThat(busy.start(JobQueue.BULK, at))
                    .as("a new bulk job")
                    .isCloseTo(at.plusSeconds(30), within(2, ChronoUnit.SECONDS));
            assertThat(busy.start(JobQueue.DEFAULT, at))
                    .as("a new job of another queue")
                    .isEqualTo(at);
            assertThat(busy.postponeIfBusy(picked, 1))
                    .as("a job that failed before")
                    .isNull();
            assertThat(busy.postponeIfBusy(
                            new JobEnvelope(
                                    "{}", now.minus(Duration.ofMinutes(11)).toEpochMilli()),
                            0))
                    .as("an old job")
                    .isNull();
        }
    }

    @Test
    void anIdleMachineOrATurnedOffYieldRunsBulkJobsAtOnce() throws InterruptedException {
        JobEnvelope job = enqueue(BULK, "job", JobQueue.BULK, Instant.now());
        Instant before = due("job");
        try (BulkYield idle = yielding(0.30, 0.85)) {
            Thread.sleep(1_200); // the sampler has read the load
            assertThat(idle.postponeIfBusy(job, 0)).isNull();
            Instant at = Instant.now();
            assertThat(idle.start(JobQueue.BULK, at)).isEqualTo(at);
        }
        try (BulkYield off = new BulkYield(
                jdbc, null, 0, Duration.ofSeconds(30), Duration.ofMinutes(10), new SimpleMeterRegistry())) {
            off.register(BULK, JobQueue.BULK);
            assertThat(off.postponeIfBusy(job, 0)).isNull();
        }
        assertThat(due("job")).isEqualTo(before);
    }
}

package app.dukkan.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.Jobs;
import app.dukkan.platform.PermanentJobFailure;
import app.dukkan.testing.DukkanTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@DukkanTest
class JobsTests {

    @Autowired
    Jobs jobs;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aJobScheduledInACommittedTransactionRunsOnce() {
        String key = UUID.randomUUID().toString();
        transactions.executeWithoutResult(s -> {
            assertThat(jobs.schedule(TestJobs.COUNTED, key, new TestJobs.Work(key)))
                    .isTrue();
            assertThat(jobs.schedule(TestJobs.COUNTED, key, new TestJobs.Work(key)))
                    .as("the same key is scheduled once")
                    .isFalse();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runs(key) == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs(key) == 1);
    }

    @Test
    void aRolledBackTransactionSchedulesNothing() {
        String key = UUID.randomUUID().toString();
        transactions.executeWithoutResult(s -> {
            jobs.schedule(TestJobs.COUNTED, key, new TestJobs.Work(key));
            s.setRollbackOnly();
        });
        assertThat(scheduled(key)).isZero();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> runs(key) == 0);
    }

    @Test
    void aJobThatFailsEveryAttemptBecomesADeadLetterAndIsReplayedOnce() {
        String key = UUID.randomUUID().toString();
        TestJobs.FAILING.add(key);
        jobs.schedule(TestJobs.COUNTED, key, new TestJobs.Work(key));

        UUID letter = deadLetterOf(key);
        assertThat(runs(key)).isEqualTo(3);
        DeadLetters.DeadLetter dead = deadLetters.find(letter).orElseThrow();
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("told to fail");
        assertThat(dead.payload()).contains(key);
        assertThat(scheduled(key)).isZero();

        TestJobs.FAILING.remove(key);
        assertThat((Boolean) transactions.execute(s -> deadLetters.requeue(letter)))
                .isTrue();
        assertThat((Boolean) transactions.execute(s -> deadLetters.requeue(letter)))
                .as("a dead letter is replayed once")
                .isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs(key) == 4);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs(key) == 4);
    }

    @Test
    void aJobHandedOverAfterAFailedAttemptElsewhereHasOnlyTheAttemptsLeft() {
        String key = UUID.randomUUID().toString();
        TestJobs.FAILING.add(key);
        // one of COUNTED's three attempts failed before the queue had the job
        transactions.executeWithoutResult(s ->
                jobs.retry(TestJobs.COUNTED, key, new TestJobs.Work(key), new IllegalStateException("failed at once")));

        UUID letter = deadLetterOf(key);
        assertThat(runs(key)).isEqualTo(2);
        assertThat(deadLetters.find(letter).orElseThrow().attempts()).isEqualTo(3);
        TestJobs.FAILING.remove(key);
    }

    @Test
    void aJobCompletedInItsHandlersTransactionIsGoneWithThatCommitAndRunsOnce() {
        String key = "commit-" + UUID.randomUUID();
        jobs.schedule(TestJobs.COMPLETING, key, new TestJobs.Work(key));

        await().atMost(Duration.ofSeconds(10)).until(() -> TestJobs.ROW_AFTER_COMPLETING.containsKey(key));
        assertThat(TestJobs.ROW_AFTER_COMPLETING.get(key))
                .as("the job's row once the handler's transaction committed")
                .isFalse();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> runs(key) == 1);
        assertThat(scheduled(key)).isZero();
        assertThat(deadLetterCount(key)).isZero();
    }

    @Test
    void aJobWhoseCompletingTransactionRolledBackIsRemovedByTheSchedulerAsUsual() {
        String key = "rollback-" + UUID.randomUUID();
        jobs.schedule(TestJobs.COMPLETING, key, new TestJobs.Work(key));

        await().atMost(Duration.ofSeconds(10)).until(() -> TestJobs.ROW_AFTER_COMPLETING.containsKey(key));
        assertThat(TestJobs.ROW_AFTER_COMPLETING.get(key)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduled(key) == 0);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> runs(key) == 1);
    }

    @Test
    void aJobThatFailsAfterItCompletedIsNeitherRetriedNorDeadLettered() {
        String key = "fail-after-" + UUID.randomUUID();
        jobs.schedule(TestJobs.COMPLETING, key, new TestJobs.Work(key));

        await().atMost(Duration.ofSeconds(10)).until(() -> runs(key) == 1);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> runs(key) == 1);
        assertThat(scheduled(key)).isZero();
        assertThat(deadLetterCount(key)).isZero();
    }

    @Test
    void completingOutsideAJobDoesNothing() {
        String key = UUID.randomUUID().toString();
        transactions.executeWithoutResult(s -> {
            jobs.schedule(
                    TestJobs.FINISHING,
                    key,
                    new TestJobs.Work(key),
                    Instant.now().plusSeconds(3600));
            jobs.completeRunningJob();
        });
        assertThat(scheduled(key)).isOne();
        jdbc.sql("delete from scheduled_tasks where task_instance = ?")
                .param(key)
                .update();
    }

    private int deadLetterCount(String key) {
        return jdbc.sql("select count(*) from job_dead_letters where task_instance = ?")
                .param(key)
                .query(Integer.class)
                .single();
    }

    private int scheduled(String key) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
                .param(key)
                .query(Integer.class)
                .single();
    }

    private UUID deadLetterOf(String key) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> jdbc.sql("select id from job_dead_letters where task_instance = ?")
                                .param(key)
                                .query(UUID.class)
                                .optional(),
                        found -> found.isPresent())
                .orElseThrow();
    }

    @Test
    void aJobHandedOverAfterAFailureForGoodIsADeadLetterAtOnce() {
        String key = UUID.randomUUID().toString();
        PermanentJobFailure refused = new PermanentJobFailure("refused for good", new IllegalStateException());
        transactions.executeWithoutResult(s -> jobs.retry(TestJobs.COUNTED, key, new TestJobs.Work(key), refused));

        DeadLetters.DeadLetter dead = deadLetters.find(deadLetterOf(key)).orElseThrow();
        assertThat(dead.lastError()).isEqualTo(refused.toString());
        assertThat(dead.payload()).contains(key);
        assertThat(scheduled(key)).isZero();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs(key) == 0);
    }

    @Test
    void aCriticalJobStartsBeforeABulkBacklogDrains() {
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        int backlog = 200; // 4 threads × 20 ms each: about a second of bulk work
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < backlog; i++) {
                jobs.schedule(TestJobs.BULK_WORK, prefix + "-bulk-" + i, new TestJobs.Work(prefix + "-bulk-" + i));
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> started(prefix + "-bulk-") > 0);
        String urgent = prefix + "-urgent";
        jobs.schedule(TestJobs.URGENT_WORK, urgent, new TestJobs.Work(urgent));

        await().atMost(Duration.ofSeconds(10)).until(() -> TestJobs.STARTED.contains(urgent));
        int bulkBefore = 0;
        for (String key : TestJobs.STARTED) {
            if (key.equals(urgent)) {
                break;
            }
            if (key.startsWith(prefix + "-bulk-")) {
                bulkBefore++;
            }
        }
        assertThat(bulkBefore)
                .as("bulk jobs that started before the critical one")
                .isLessThan(backlog / 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> started(prefix + "-bulk-") == backlog);
    }

    private static long started(String prefix) {
        return TestJobs.STARTED.stream().filter(k -> k.startsWith(prefix)).count();
    }

    private static int runs(String key) {
        AtomicInteger runs = TestJobs.RUNS.get(key);
        return runs == null ? 0 : runs.get();
    }
}

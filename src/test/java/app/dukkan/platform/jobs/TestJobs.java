package app.dukkan.platform.jobs;

import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobTasks;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Job types for tests. */
@Configuration(proxyBeanMethods = false)
public class TestJobs {

    public record Work(String key) {}

    /** Counts its runs per key, records its effect once per key, fails while its key is marked failing. */
    public static final JobType<Work> COUNTED = new JobType<>(
            "test-counted",
            Work.class,
            JobQueue.DEFAULT,
            new RetryPolicy(3, Duration.ofMillis(50), 2.0, Duration.ofMillis(200)));

    /** Always fails and waits an hour before its retry: stays "failed" for the queue stats. */
    public static final JobType<Work> RETRYING =
            new JobType<>("test-retrying", Work.class, JobQueue.BULK, RetryPolicy.exponential(5, Duration.ofHours(1)));

    /** Fails once and is dead. */
    public static final JobType<Work> DOOMED =
            new JobType<>("test-doomed", Work.class, JobQueue.CRITICAL, RetryPolicy.exponential(1, Duration.ZERO));

    /** Records the order in which runs start; for the priority test (a short sleep keeps workers busy). */
    public static final JobType<Work> BULK_WORK = new JobType<>(
            "test-bulk-work", Work.class, JobQueue.BULK, RetryPolicy.exponential(1, Duration.ofSeconds(1)));

    public static final JobType<Work> URGENT_WORK = new JobType<>(
            "test-urgent-work", Work.class, JobQueue.CRITICAL, RetryPolicy.exponential(1, Duration.ofSeconds(1)));

    /** Succeeds and records its effect: a type to replay dead letters of. */
    public static final JobType<Work> REPLAYED = new JobType<>(
            "test-replayed", Work.class, JobQueue.DEFAULT, RetryPolicy.exponential(1, Duration.ofSeconds(1)));

    /**
     * For the shutdown test: takes {@link #FINISHING_MILLIS} and then records its effect; an interrupt
     * fails the run instead (so a recorded effect shows the run was allowed to finish).
     */
    public static final JobType<Work> FINISHING = new JobType<>(
            "test-finishing", Work.class, JobQueue.DEFAULT, RetryPolicy.exponential(1, Duration.ofSeconds(1)));

    public static final long FINISHING_MILLIS = 300;

    /**
     * Completes itself in a transaction of its own ({@link Jobs#completeRunningJob()}), records in
     * {@link #ROW_AFTER_COMPLETING} whether its row was still there after that transaction, and then:
     * a key starting with {@code rollback} rolls that transaction back, one starting with {@code
     * fail-after} throws once it is done.
     */
    public static final JobType<Work> COMPLETING = new JobType<>(
            "test-completing",
            Work.class,
            JobQueue.DEFAULT,
            new RetryPolicy(3, Duration.ofMillis(50), 2.0, Duration.ofMillis(200)));

    public static final Map<String, Boolean> ROW_AFTER_COMPLETING = new ConcurrentHashMap<>();

    /**
     * For the shutdown test: blocks, ignoring interrupts, until its key is released with {@link
     * #release}, then records its effect: a job that outlasts any shutdown wait.
     */
    public static final JobType<Work> STUCK = new JobType<>(
            "test-stuck", Work.class, JobQueue.DEFAULT, RetryPolicy.exponential(1, Duration.ofSeconds(1)));

    private static final Map<String, CountDownLatch> STUCK_UNTIL = new ConcurrentHashMap<>();

    public static void release(String key) {
        STUCK_UNTIL.computeIfAbsent(key, k -> new CountDownLatch(1)).countDown();
    }

    public static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    public static final Set<String> EFFECTS = ConcurrentHashMap.newKeySet();
    public static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    public static final List<String> STARTED = new CopyOnWriteArrayList<>();

    @Bean
    Task<?> testCountedTask(JobTasks tasks) {
        return tasks.task(COUNTED, work -> {
            RUNS.computeIfAbsent(work.key(), k -> new AtomicInteger()).incrementAndGet();
            if (FAILING.contains(work.key())) {
                throw new IllegalStateException("told to fail");
            }
            EFFECTS.add(work.key()); // idempotent: keyed by the payload
        });
    }

    /** Scheduled times of the runs of {@code test-tick}, from every instance in this JVM. */
    public static final List<Instant> TICKS = new CopyOnWriteArrayList<>();

    /** A recurring task every second, for the scale-out test: each scheduled run must happen once. */
    @Bean
    @ConditionalOnProperty(name = "dukkan.test.tick", havingValue = "true")
    RecurringTask<Void> testTickTask() {
        return Tasks.recurring("test-tick", FixedDelay.ofSeconds(1))
                .execute((instance, context) -> TICKS.add(context.getExecution().executionTime));
    }

    @Bean
    Task<?> testReplayedTask(JobTasks tasks) {
        return tasks.task(REPLAYED, work -> EFFECTS.add(work.key()));
    }

    @Bean
    Task<?> testRetryingTask(JobTasks tasks) {
        return tasks.task(RETRYING, work -> {
            throw new IllegalStateException("always fails");
        });
    }

    @Bean
    Task<?> testDoomedTask(JobTasks tasks) {
        return tasks.task(DOOMED, work -> {
            throw new IllegalStateException("doomed " + work.key());
        });
    }

    @Bean
    Task<?> testBulkWorkTask(JobTasks tasks) {
        return tasks.task(BULK_WORK, work -> {
            STARTED.add(work.key());
            Thread.sleep(20);
        });
    }

    @Bean
    Task<?> testFinishingTask(JobTasks tasks) {
        return tasks.task(FINISHING, work -> {
            STARTED.add(work.key());
            Thread.sleep(FINISHING_MILLIS);
            EFFECTS.add(work.key());
        });
    }

    @Bean
    Task<?> testStuckTask(JobTasks tasks) {
        return tasks.task(STUCK, work -> {
            STARTED.add(work.key());
            CountDownLatch released = STUCK_UNTIL.computeIfAbsent(work.key(), k -> new CountDownLatch(1));
            boolean interrupted = false;
            while (true) {
                try {
                    released.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            EFFECTS.add(work.key());
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Bean
    Task<?> testCompletingTask(JobTasks tasks, Jobs jobs, TransactionTemplate transactions, JdbcClient jdbc) {
        return tasks.task(COMPLETING, work -> {
            RUNS.computeIfAbsent(work.key(), k -> new AtomicInteger()).incrementAndGet();
            transactions.executeWithoutResult(status -> {
                jobs.completeRunningJob();
                if (work.key().startsWith("rollback")) {
                    status.setRollbackOnly();
                }
            });
            ROW_AFTER_COMPLETING.put(
                    work.key(),
                    jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
                                    .param(work.key())
                                    .query(Integer.class)
                                    .single()
                            > 0);
            if (work.key().startsWith("fail-after")) {
                throw new IllegalStateException("fails after it completed");
            }
        });
    }

    @Bean
    Task<?> testUrgentWorkTask(JobTasks tasks) {
        return tasks.task(URGENT_WORK, work -> STARTED.add(work.key()));
    }
}

package app.dukkan.platform.jobs;

import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code jobs-bench} command: a no-op job type registered only in that command's process, a
 * throughput phase (N jobs inserted in batches, time until the table is empty again) and a latency
 * phase (jobs scheduled one by one at a fixed rate below saturation; enqueue-to-start latency, the
 * measure of {@code job_latency_seconds}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("dukkan.jobs.bench.enabled")
class JobsBenchmark {

    record Noop(int phase, long enqueuedAtMillis) {}

    static final JobType<Noop> NOOP = new JobType<>(
            "bench-noop", Noop.class, JobQueue.DEFAULT, RetryPolicy.exponential(1, Duration.ofSeconds(1)));

    private final AtomicLong ran = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

    @Bean
    Task<JobEnvelope> benchNoopTask(JobRunner runner, Clock clock) {
        return runner.task(NOOP, noop -> {
            ran.incrementAndGet();
            if (noop.phase() == 2) {
                latencies.add(clock.millis() - noop.enqueuedAtMillis());
            }
        });
    }

    @Bean
    ApplicationRunner jobsBench(
            SchedulerClient scheduler,
            Jobs jobs,
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            @Value("${dukkan.jobs.bench.jobs:50000}") int count,
            @Value("${dukkan.jobs.bench.rate:500}") int rate,
            @Value("${dukkan.jobs.bench.seconds:20}") int seconds,
            @Value("${db-scheduler.threads}") int threads,
            @Value("${db-scheduler.polling-interval}") String polling) {
        return args -> {
            jdbc.sql("delete from scheduled_tasks where task_name = ?")
                    .param(NOOP.name())
                    .update();
            System.out.printf(
                    "jobs-bench: %d no-op jobs, then %d jobs/s for %d s; db-scheduler threads=%d polling=%s%n",
                    count, rate, seconds, threads, polling);

            // Phase 1: throughput
            long start = System.nanoTime();
            List<SchedulableInstance<?>> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                JobEnvelope envelope = new JobEnvelope(json.writeValueAsString(new Noop(1, 0)), clock.millis());
                batch.add(new TaskInstance.Builder<JobEnvelope>(NOOP.name(), "t" + i)
                        .data(envelope)
                        .priority(NOOP.queue().priority())
                        .scheduledTo(Instant.now()));
                if (batch.size() == 1000 || i == count - 1) {
                    scheduler.scheduleBatch(batch);
                    batch.clear();
                }
            }
            double insertSeconds = (System.nanoTime() - start) / 1e9;
            while (remaining(jdbc) > 0) {
                Thread.sleep(20);
            }
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "throughput: %d jobs inserted in %.2f s, all done after %.2f s: %.0f jobs/s (%d runs)%n",
                    count, insertSeconds, totalSeconds, count / totalSeconds, ran.get());

            // Phase 2: latency at a fixed rate
            long total = (long) rate * seconds;
            long phaseStart = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = phaseStart + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                jobs.schedule(NOOP, "l" + i, new Noop(2, clock.millis()));
            }
            double scheduleSeconds = (System.nanoTime() - phaseStart) / 1e9;
            while (latencies.size() < total) {
                Thread.sleep(20);
            }
            long[] sorted =
                    latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "latency: %d jobs at %.0f jobs/s, enqueue-to-start p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    total,
                    total / scheduleSeconds,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.95),
                    percentile(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
            if (sorted.length == 0) {
                System.out.println(Arrays.toString(sorted));
            }
        };
    }

    private static long remaining(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ?")
                .param(NOOP.name())
                .query(Long.class)
                .single();
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}

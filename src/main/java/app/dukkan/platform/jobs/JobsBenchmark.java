package app.dukkan.platform.jobs;

import app.dukkan.platform.BenchmarkWorkload;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the {@code jobs-bench} command measures, for any {@link BenchmarkWorkload} of this process:
 * throughput (N jobs inserted in batches, time until none of them is left) and enqueue-to-start
 * latency (jobs scheduled one by one at a fixed rate below saturation: the measure of {@code
 * job_latency_seconds}). Every job of a run has a key of its own ({@code bench-<run>-t<i>},
 * {@code bench-<run>-l<i>}), so runs never meet jobs or effects of earlier runs.
 */
public final class JobsBenchmark {

    /** Exit statuses of a run, as the load scripts use them. */
    public static final int PASS = 0;

    public static final int INCOMPLETE = 1;
    public static final int BAD_USAGE = 2;
    public static final int FAIL = 3;

    /** The no-op job type's targets; other tasks have the latency target only. */
    static final double TARGET_NOOP_JOBS_PER_SECOND = 2000;

    static final long TARGET_P95_MILLIS = 500;

    /**
     * @param task the workload's job type name
     * @param jobs jobs of the throughput phase
     * @param rate jobs per second of the latency phase
     * @param seconds duration of the latency phase
     * @param stallTimeout a phase stops as incomplete when no job of it finished for this long
     */
    public record Settings(String task, int jobs, int rate, int seconds, Duration stallTimeout) {}

    private final List<BenchmarkWorkload<?>> workloads;
    private final SchedulerClient scheduler;
    private final Jobs jobs;
    private final JobRunner runner;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final String schedulerSettings;

    JobsBenchmark(
            List<BenchmarkWorkload<?>> workloads,
            SchedulerClient scheduler,
            Jobs jobs,
            JobRunner runner,
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            String schedulerSettings) {
        this.workloads = List.copyOf(workloads);
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.runner = runner;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.schedulerSettings = schedulerSettings;
    }

    /** Measures the workload named by {@code settings.task()}; returns one of the exit statuses above. */
    public int run(Settings settings, PrintStream out, PrintStream err) {
        BenchmarkWorkload<?> workload = workloads.stream()
                .filter(w -> w.type().name().equals(settings.task()))
                .findFirst()
                .orElse(null);
        if (workload == null) {
            err.printf(
                    "jobs-bench: no benchmark task '%s'; available: %s%n",
                    settings.task(),
                    String.join(
                            ", ",
                            workloads.stream()
                                    .map(w -> w.type().name())
                                    .sorted()
                                    .toList()));
            return BAD_USAGE;
        }
        if (settings.jobs() < 1 || settings.rate() < 1 || settings.seconds() < 1) {
            err.println("jobs-bench: jobs, rate and seconds must be at least 1");
            return BAD_USAGE;
        }
        try {
            workload.prepare();
        } catch (IllegalStateException e) {
            err.println("jobs-bench: " + e.getMessage());
            return BAD_USAGE;
        }
        return measure(workload, settings, out, err);
    }

    private <T> int measure(BenchmarkWorkload<T> workload, Settings settings, PrintStream out, PrintStream err) {
        JobType<T> type = workload.type();
        String run = "bench-" + Long.toString(clock.millis(), 36);
        if (type.equals(JobsBenchConfiguration.NOOP)) {
            // leftovers of an interrupted run would take workers' time; no other process runs this type
            jdbc.sql("delete from scheduled_tasks where task_name = ?")
                    .param(type.name())
                    .update();
        }
        out.printf(
                "jobs-bench: task %s, %d jobs, then %d jobs/s for %d s; %s; run %s%n",
                type.name(), settings.jobs(), settings.rate(), settings.seconds(), schedulerSettings, run);
        Observer observer = new Observer();
        runner.observe(type.name(), observer);
        try {
            // Phase 1: throughput
            String throughputKeys = run + "-t";
            long throughputTarget = observer.finished.get() + settings.jobs();
            long start = System.nanoTime();
            List<SchedulableInstance<?>> batch = new ArrayList<>();
            for (int i = 0; i < settings.jobs(); i++) {
                String key = throughputKeys + i;
                JobEnvelope envelope = new JobEnvelope(json.writeValueAsString(workload.payload(key)), clock.millis());
                batch.add(new TaskInstance.Builder<JobEnvelope>(type.name(), key)
                        .data(envelope)
                        .priority(type.queue().priority())
                        .scheduledTo(Instant.now()));
                if (batch.size() == 1000 || i == settings.jobs() - 1) {
                    scheduler.scheduleBatch(batch);
                    batch.clear();
                }
            }
            double insertSeconds = (System.nanoTime() - start) / 1e9;
            if (!awaitDone(type, throughputKeys, throughputTarget, settings, observer, err)) {
                return INCOMPLETE;
            }
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            double throughput = settings.jobs() / totalSeconds;
            out.printf(
                    Locale.ROOT,
                    "throughput: %d jobs inserted in %.2f s, all done after %.2f s: %.0f jobs/s (%d runs)%n",
                    settings.jobs(),
                    insertSeconds,
                    totalSeconds,
                    throughput,
                    observer.starts.get());
            if (settings.rate() > throughput) {
                out.printf(
                        "note: %d jobs/s is above the measured throughput: the queue grows and the latency"
                                + " phase measures saturation%n",
                        settings.rate());
            }

            // Phase 2: latency at a fixed rate
            String latencyKeys = run + "-l";
            long total = (long) settings.rate() * settings.seconds();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            observer.latencies = latencies;
            long latencyTarget = observer.finished.get() + total;
            long phaseStart = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = phaseStart + i * 1_000_000_000L / settings.rate();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String key = latencyKeys + i;
                jobs.schedule(type, key, workload.payload(key));
            }
            double scheduleSeconds = (System.nanoTime() - phaseStart) / 1e9;
            if (!awaitDone(type, latencyKeys, latencyTarget, settings, observer, err)) {
                return INCOMPLETE;
            }
            long[] sorted =
                    latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long p95 = percentile(sorted, 0.95);
            out.printf(
                    Locale.ROOT,
                    "latency: %d jobs at %.0f jobs/s, enqueue-to-start p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    total,
                    total / scheduleSeconds,
                    percentile(sorted, 0.50),
                    p95,
                    percentile(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
            if (observer.failures.get() > 0) {
                out.printf(
                        "note: %d run(s) failed and were retried; last failure: %s%n",
                        observer.failures.get(), observer.lastFailure.get());
            }

            boolean noop = type.equals(JobsBenchConfiguration.NOOP);
            boolean passed = p95 < TARGET_P95_MILLIS && (!noop || throughput >= TARGET_NOOP_JOBS_PER_SECOND);
            out.printf(
                    "result: %s (targets: p95 enqueue-to-start < %d ms%s)%n",
                    passed ? "PASS" : "FAIL",
                    TARGET_P95_MILLIS,
                    noop ? String.format(Locale.ROOT, ", throughput >= %.0f jobs/s", TARGET_NOOP_JOBS_PER_SECOND) : "");
            return passed ? PASS : FAIL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jobs-bench: interrupted");
            return INCOMPLETE;
        } finally {
            runner.observe(type.name(), null);
        }
    }

    /**
     * Waits until {@code target} runs of the task have finished (as the observer is told, so the job
     * table is not scanned while jobs run) and then until no job of this run whose key starts with
     * {@code keys} is left in the table; false (after a report on {@code err}) when no run finished
     * for {@code settings.stallTimeout()}.
     */
    private boolean awaitDone(
            JobType<?> type, String keys, long target, Settings settings, Observer observer, PrintStream err)
            throws InterruptedException {
        long seen = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            long finished = observer.finished.get();
            if (finished >= target && remaining(type, keys) == 0) {
                return true;
            }
            if (finished > seen) {
                seen = finished;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress
                    > settings.stallTimeout().toNanos()) {
                reportStall(type, keys, remaining(type, keys), settings, observer, err);
                return false;
            }
            Thread.sleep(finished >= target ? 10 : 20);
        }
    }

    private long remaining(JobType<?> type, String keys) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and starts_with(task_instance, ?)")
                .params(type.name(), keys)
                .query(Long.class)
                .single();
    }

    private void reportStall(
            JobType<?> type, String keys, long remaining, Settings settings, Observer observer, PrintStream err) {
        long failing = jdbc.sql("""
                        select count(*) from scheduled_tasks
                        where task_name = ? and starts_with(task_instance, ?) and consecutive_failures > 0""").params(type.name(), keys).query(Long.class).single();
        err.printf(
                "jobs-bench: stopped: no %s job finished for %d s; %d of them left, %d waiting for a retry after a"
                        + " failure; %d run(s) failed so far%n",
                type.name(), settings.stallTimeout().toSeconds(), remaining, failing, observer.failures.get());
        if (observer.lastFailure.get() != null) {
            err.println("  last failure: " + observer.lastFailure.get());
        }
        List<String> dead =
                jdbc.sql("""
                        select task_instance || ' (' || attempts || ' attempts): ' || last_error
                        from job_dead_letters where task_name = ? and starts_with(task_instance, ?)
                        order by failed_at desc limit 5""").params(type.name(), keys).query(String.class).list();
        long deadCount = jdbc.sql(
                        "select count(*) from job_dead_letters where task_name = ? and starts_with(task_instance, ?)")
                .params(type.name(), keys)
                .query(Long.class)
                .single();
        if (deadCount > 0) {
            err.printf("  %d dead letter(s) of this run, the latest:%n", deadCount);
            dead.forEach(line -> err.println("    " + line));
        }
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }

    /** Counts the runs of the measured task and, in the latency phase, their enqueue-to-start latencies. */
    private static final class Observer implements JobRunner.RunObserver {

        final AtomicLong starts = new AtomicLong();
        final AtomicLong finished = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicReference<@Nullable String> lastFailure = new AtomicReference<>();
        volatile @Nullable ConcurrentLinkedQueue<Long> latencies;

        @Override
        public void started(long latencyMillis) {
            starts.incrementAndGet();
            ConcurrentLinkedQueue<Long> phase = latencies;
            if (phase != null) {
                phase.add(latencyMillis);
            }
        }

        @Override
        public void finished() {
            finished.incrementAndGet();
        }

        @Override
        public void failed(Exception failure) {
            failures.incrementAndGet();
            lastFailure.set(failure.toString());
        }
    }
}

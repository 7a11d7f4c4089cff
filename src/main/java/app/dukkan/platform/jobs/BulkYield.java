package app.dukkan.platform.jobs;

import app.dukkan.platform.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets bulk jobs wait while the machine is busy, so that work nobody waits for (PDF receipts) does
 * not slow down the shop's requests during a peak. The machine's CPU load is sampled every second;
 * while it is at least {@code busyCpu}, a new bulk job is scheduled {@code pause} ahead, and a bulk
 * job about to run moves every bulk job due by now {@code pause} ahead instead (one statement: a
 * backlog is not picked and put back job by job) and is rescheduled with them. So while the peak
 * lasts each waiting job is written once per pause. A job enqueued more than {@code maxDeferral}
 * ago runs all the same, and the statement leaves such jobs alone: bulk work is delayed by a peak,
 * never starved by it. A job that already failed is retried on its own schedule.
 */
final class BulkYield implements AutoCloseable {

    /** The machine's recent CPU load, 0 to 1, or negative when the platform does not tell. */
    static final DoubleSupplier MACHINE_CPU =
            () -> ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getCpuLoad();

    private final JdbcClient jdbc;
    private final double busyCpu;
    private final Duration pause;
    private final Duration maxDeferral;
    private final Counter postponed;
    private final Set<String> bulkTasks = ConcurrentHashMap.newKeySet();
    private final @Nullable ScheduledExecutorService sampler;
    private volatile double load;

    /** With {@code cpu} null the yield is off: bulk jobs run as soon as they are picked. */
    BulkYield(
            JdbcClient jdbc,
            @Nullable DoubleSupplier cpu,
            double busyCpu,
            Duration pause,
            Duration maxDeferral,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.busyCpu = busyCpu;
        this.pause = pause;
        this.maxDeferral = maxDeferral;
        this.postponed = Counter.builder("job.bulk.postponed")
                .description("bulk jobs moved ahead because the machine was busy")
                .register(meters);
        if (cpu == null) {
            this.sampler = null;
        } else {
            this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bulk-yield-cpu");
                thread.setDaemon(true);
                return thread;
            });
            this.sampler.scheduleAtFixedRate(() -> load = Math.max(0, cpu.getAsDouble()), 0, 1, TimeUnit.SECONDS);
        }
    }

    /** Tasks of the bulk queue, which the yield moves. */
    void register(String task, JobQueue queue) {
        if (queue == JobQueue.BULK) {
            bulkTasks.add(task);
        }
    }

    /** When a job of that queue, to run at {@code at}, should start: a pause later if bulk and busy. */
    Instant start(JobQueue queue, Instant at) {
        if (queue != JobQueue.BULK || !busy()) {
            return at;
        }
        Instant later = Instant.now().plus(pause);
        return at.isAfter(later) ? at : later;
    }

    private boolean busy() {
        return sampler != null && load >= busyCpu;
    }

    /**
     * @return when the job should run instead (it and the other due bulk jobs were moved there), or
     *     null to run it now
     */
    @Nullable
    Instant postponeIfBusy(JobEnvelope envelope, int consecutiveFailures) {
        if (!busy() || consecutiveFailures > 0) {
            return null;
        }
        Instant now = Instant.now();
        long cutoff = now.minus(maxDeferral).toEpochMilli();
        if (envelope.enqueuedAtMillis() <= cutoff) {
            return null;
        }
        Instant until = now.plus(pause);
        int moved = jdbc.sql("""
                        update scheduled_tasks set execution_time = :until
                        where priority = :bulk and not picked and execution_time <= :now
                          and task_name in (:tasks)
                          and (convert_from(task_data, 'UTF8')::jsonb ->> 'enqueuedAtMillis')::bigint > :cutoff""")
                .param("until", Timestamp.from(until))
                .param("now", Timestamp.from(now))
                .param("bulk", JobQueue.BULK.priority())
                .param("tasks", Set.copyOf(bulkTasks))
                .param("cutoff", cutoff)
                .update();
        postponed.increment(moved + 1);
        return until;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}

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
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets bulk jobs wait while the machine is busy serving the shop, so that work nobody waits for
 * (PDF receipts) does not slow down requests during a peak. Every second it samples the machine's
 * CPU load and how many HTTP requests this process served; the machine is busy while the load is at
 * least {@code busyCpu} and the requests at least {@code busyRequests} per second. (Requests count
 * because bulk jobs load the CPU themselves: without traffic a backlog drains at full speed, and a
 * worker-only process never yields.)
 *
 * <p>While busy, bulk work waits for the next multiple of {@code pause} (epoch-aligned, so that all
 * waiting bulk jobs come due together): a new bulk job is scheduled for it, and a bulk job that
 * comes due moves every bulk job due by now there with one statement and is rescheduled with them.
 * A whole backlog thus costs one pick and one statement per pause, not one per job. A job enqueued
 * more than {@code maxDeferral} ago runs all the same and is left alone by that statement: bulk work
 * is delayed by a peak, never starved by it. A job that already failed is retried on its own
 * schedule (putting it back would reset its failure count).
 */
final class BulkYield implements AutoCloseable {

    /** The machine's recent CPU load, 0 to 1, or negative when the platform does not tell. */
    static final DoubleSupplier MACHINE_CPU =
            () -> ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getCpuLoad();

    private final JdbcClient jdbc;
    private final double busyCpu;
    private final double busyRequests;
    private final long pauseMillis;
    private final Duration maxDeferral;
    private final Counter postponed;
    private final Set<String> bulkTasks = ConcurrentHashMap.newKeySet();
    private final @Nullable ScheduledExecutorService sampler;
    private volatile boolean busy;
    private long requestsBefore = -1;

    /**
     * @param cpu the machine's CPU load (0 to 1); null turns the yield off: bulk jobs run as soon as
     *     they are due
     * @param requests how many HTTP requests this process has served so far
     */
    BulkYield(
            JdbcClient jdbc,
            @Nullable DoubleSupplier cpu,
            LongSupplier requests,
            double busyCpu,
            double busyRequests,
            Duration pause,
            Duration maxDeferral,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.busyCpu = busyCpu;
        this.busyRequests = busyRequests;
        this.pauseMillis = Math.max(1, pause.toMillis());
        this.maxDeferral = maxDeferral;
        this.postponed = Counter.builder("job.bulk.postponed")
                .description("bulk jobs put back because the machine was busy")
                .register(meters);
        if (cpu == null) {
            this.sampler = null;
        } else {
            this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bulk-yield-cpu");
                thread.setDaemon(true);
                return thread;
            });
            this.sampler.scheduleAtFixedRate(() -> sample(cpu, requests), 0, 1, TimeUnit.SECONDS);
        }
    }

    /** Tasks of the bulk queue: the ones the yield moves. */
    void register(String task, JobQueue queue) {
        if (queue == JobQueue.BULK) {
            bulkTasks.add(task);
        }
    }

    /** When a job of that queue, to run at {@code at}, should start: bulk jobs wait while busy. */
    Instant start(JobQueue queue, Instant at) {
        if (queue != JobQueue.BULK || !busy) {
            return at;
        }
        Instant next = nextBoundary(Instant.now());
        return at.isAfter(next) ? at : next;
    }

    /**
     * For a bulk job that came due: while busy, moves it and every other bulk job due by now (but
     * not those enqueued more than the longest deferral ago) to the next boundary.
     *
     * @return when the job should run instead, or null to run it now
     */
    @Nullable
    Instant postponeIfBusy(JobEnvelope envelope, int consecutiveFailures) {
        if (!busy || consecutiveFailures > 0) {
            return null;
        }
        Instant now = Instant.now();
        long cutoff = now.minus(maxDeferral).toEpochMilli();
        if (envelope.enqueuedAtMillis() <= cutoff) {
            return null;
        }
        Instant until = nextBoundary(now);
        int moved = jdbc.sql("""
                        update scheduled_tasks set execution_time = :until
                        where priority = :bulk and not picked and execution_time <= :now and task_name in (:tasks)
                          and (convert_from(task_data, 'UTF8')::jsonb ->> 'enqueuedAtMillis')::bigint > :cutoff""")
                .param("until", Timestamp.from(until))
                .param("bulk", JobQueue.BULK.priority())
                .param("now", Timestamp.from(now))
                .param("tasks", Set.copyOf(bulkTasks))
                .param("cutoff", cutoff)
                .update();
        postponed.increment(moved + 1);
        return until;
    }

    private Instant nextBoundary(Instant now) {
        return Instant.ofEpochMilli((now.toEpochMilli() / pauseMillis + 1) * pauseMillis);
    }

    /** Once a second, on the sampler's thread. */
    private void sample(DoubleSupplier cpu, LongSupplier requests) {
        long served = requests.getAsLong();
        long perSecond = requestsBefore < 0 ? 0 : served - requestsBefore;
        requestsBefore = served;
        busy = cpu.getAsDouble() >= busyCpu && perSecond >= busyRequests;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}

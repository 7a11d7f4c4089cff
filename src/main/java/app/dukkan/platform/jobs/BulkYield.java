package app.dukkan.platform.jobs;

import app.dukkan.platform.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets bulk jobs wait while the shop is busy, so that work nobody waits for (PDF receipts) does not
 * slow down requests during a peak. Every second it samples the machine's CPU load and how many HTTP
 * requests this process served; the shop is busy while the load is at least {@code busyCpu} and the
 * requests at least {@code busyRequests} per second. (Requests count because bulk jobs load the CPU
 * themselves: without traffic a backlog drains at full speed, and a worker-only process is never
 * busy.)
 *
 * <p>A bulk job enqueued while busy goes to {@code postponed_jobs}, due by {@code maxDeferral} from
 * then; once the shop has not been busy for {@value #RELEASE_AFTER_IDLE_SECONDS} seconds in a row (a
 * short lull inside a peak does not count), one statement moves every postponed job into the job
 * table, due at once. So a peak costs nothing per waiting job (no picks, no rewrites, and no rows in
 * the index the job picker walks), the backlog drains right after it, and a job waits at most {@code
 * maxDeferral}: every second, those due by now move even while the shop is busy.
 */
final class BulkYield implements AutoCloseable {

    /** The machine's recent CPU load, 0 to 1, or negative when the platform does not tell. */
    static final DoubleSupplier MACHINE_CPU =
            () -> ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getCpuLoad();

    /** Seconds without being busy before the postponed jobs are made due. */
    static final int RELEASE_AFTER_IDLE_SECONDS = 5;

    /** How often, in seconds, an idle process makes postponed jobs due again (other processes' too). */
    private static final int RELEASE_EVERY_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(BulkYield.class);

    /** When a job starts and whether it was postponed for being bulk work while busy. */
    record Start(Instant at, boolean postponed) {}

    private final JdbcClient jdbc;
    private final double busyCpu;
    private final double busyRequests;
    private final Duration maxDeferral;
    private final Counter postponedJobs;
    private final Counter releasedJobs;
    private final @Nullable ScheduledExecutorService sampler;
    private volatile boolean busy;
    private long requestsBefore = -1;
    private int idleSamples;

    /**
     * @param cpu the machine's CPU load (0 to 1); null turns the yield off: bulk jobs start when
     *     asked
     * @param requests how many HTTP requests this process has served so far
     */
    BulkYield(
            JdbcClient jdbc,
            @Nullable DoubleSupplier cpu,
            LongSupplier requests,
            double busyCpu,
            double busyRequests,
            Duration maxDeferral,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.busyCpu = busyCpu;
        this.busyRequests = busyRequests;
        this.maxDeferral = maxDeferral;
        this.postponedJobs = Counter.builder("job.bulk.postponed")
                .description("bulk jobs enqueued for later because the shop was busy")
                .register(meters);
        this.releasedJobs = Counter.builder("job.bulk.released")
                .description("postponed bulk jobs made due once the shop was no longer busy")
                .register(meters);
        if (cpu == null) {
            this.sampler = null;
        } else {
            this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bulk-yield");
                thread.setDaemon(true);
                return thread;
            });
            this.sampler.scheduleAtFixedRate(() -> sample(cpu, requests), 0, 1, TimeUnit.SECONDS);
        }
    }

    /** When a job of that queue, asked to run at {@code at}, starts: bulk jobs wait while busy. */
    Start start(JobQueue queue, Instant at) {
        if (queue != JobQueue.BULK || !busy) {
            return new Start(at, false);
        }
        Instant later = Instant.now().plus(maxDeferral);
        if (!at.isBefore(later)) {
            return new Start(at, false);
        }
        postponedJobs.increment();
        return new Start(later, true);
    }

    /** Makes every postponed job due now; returns how many. */
    int release() {
        return release(null);
    }

    /** Moves the postponed jobs due by {@code dueBy} (all when null) into the job table, due now. */
    private int release(@Nullable Instant dueBy) {
        int released = jdbc.sql("""
                        with moved as (
                            delete from postponed_jobs %s
                            returning task_name, task_instance, task_data, priority)
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, priority)
                        select task_name, task_instance, task_data, :now, false, 1, priority from moved
                        on conflict (task_name, task_instance) do nothing""".formatted(dueBy == null ? "" : "where due_by <= :dueBy"))
                .params(dueBy == null ? Map.of() : Map.of("dueBy", Timestamp.from(dueBy)))
                .param("now", Timestamp.from(Instant.now()))
                .update();
        releasedJobs.increment(released);
        return released;
    }

    /** Once a second, on the sampler's thread. */
    private void sample(DoubleSupplier cpu, LongSupplier requests) {
        try {
            long served = requests.getAsLong();
            long perSecond = requestsBefore < 0 ? 0 : served - requestsBefore;
            requestsBefore = served;
            busy = cpu.getAsDouble() >= busyCpu && perSecond >= busyRequests;
            if (busy) {
                idleSamples = 0;
                release(Instant.now());
            } else if (++idleSamples % RELEASE_EVERY_SECONDS == RELEASE_AFTER_IDLE_SECONDS) {
                int released = release();
                if (released > 0) {
                    log.info("Made {} postponed bulk jobs due: the shop is no longer busy", released);
                }
            }
        } catch (RuntimeException e) {
            // the next sample tries again
            log.warn("Could not sample the load or release postponed bulk jobs: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}

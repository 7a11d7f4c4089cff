package app.dukkan.platform.jobs;

import app.dukkan.platform.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Lets bulk jobs wait while the machine is busy, so that work nobody waits for (PDF receipts) does
 * not slow down the shop's requests during a peak. The machine's CPU load is sampled every second;
 * while it is at least {@code busyCpu}, a new bulk job is scheduled {@code pause} ahead, and a bulk
 * job that comes due is put back by another pause instead of running. So while the peak lasts each
 * waiting job costs one pick and one update per pause. A job enqueued more than {@code maxDeferral}
 * ago runs all the same: bulk work is delayed by a peak, never starved by it. A job that already
 * failed is retried on its own schedule (putting it back would reset its failure count).
 */
final class BulkYield implements AutoCloseable {

    /** The machine's recent CPU load, 0 to 1, or negative when the platform does not tell. */
    static final DoubleSupplier MACHINE_CPU =
            () -> ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getCpuLoad();

    private final double busyCpu;
    private final Duration pause;
    private final Duration maxDeferral;
    private final Counter postponed;
    private final @Nullable ScheduledExecutorService sampler;
    private volatile double load;

    /** With {@code cpu} null the yield is off: bulk jobs run as soon as they are due. */
    BulkYield(
            @Nullable DoubleSupplier cpu, double busyCpu, Duration pause, Duration maxDeferral, MeterRegistry meters) {
        this.busyCpu = busyCpu;
        this.pause = pause;
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
            this.sampler.scheduleAtFixedRate(() -> load = Math.max(0, cpu.getAsDouble()), 0, 1, TimeUnit.SECONDS);
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

    /** @return when the due bulk job should run instead, or null to run it now */
    @Nullable
    Instant postponeIfBusy(JobEnvelope envelope, int consecutiveFailures) {
        if (!busy() || consecutiveFailures > 0) {
            return null;
        }
        Instant now = Instant.now();
        if (envelope.enqueuedAtMillis() <= now.minus(maxDeferral).toEpochMilli()) {
            return null;
        }
        postponed.increment();
        return now.plus(pause);
    }

    private boolean busy() {
        return sampler != null && load >= busyCpu;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}

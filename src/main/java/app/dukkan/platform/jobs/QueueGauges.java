package app.dukkan.platform.jobs;

import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobQueues;
import app.dukkan.platform.JobQueues.Stats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges per queue ({@code job_queue_depth}, {@code job_queue_running}, {@code job_queue_failed},
 * {@code job_queue_dead}, and the alerts' {@code dukkan_jobs_queued} and {@code dukkan_jobs_dead})
 * read from one cached {@link JobQueues#stats()}: at most one query per
 * {@code refresh}, however many gauges a scrape reads and however often. The values are the
 * database's, the same from every process: aggregate them with max, not sum.
 */
final class QueueGauges {

    private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

    private final JobQueues queues;
    private final Duration refresh;
    private volatile @Nullable Stats cached;
    private volatile long readAtNanos;

    QueueGauges(JobQueues queues, Duration refresh) {
        this.queues = queues;
        this.refresh = refresh;
    }

    void register(MeterRegistry meters) {
        for (JobQueue queue : JobQueue.values()) {
            gauge(meters, "job.queue.depth", "jobs waiting, due or scheduled for later", queue, c -> c.depth());
            gauge(meters, "job.queue.running", "jobs picked by a worker", queue, c -> c.running());
            gauge(meters, "job.queue.failed", "jobs waiting for a retry", queue, c -> c.failed());
            gauge(meters, "job.queue.dead", "dead letters not replayed", queue, c -> c.dead());
            gauge(meters, "dukkan.jobs.queued", "jobs due and waiting for a worker", queue, c -> c.due());
            gauge(meters, "dukkan.jobs.dead", "dead letters now (not replayed)", queue, c -> c.dead());
        }
    }

    private void gauge(
            MeterRegistry meters,
            String name,
            String description,
            JobQueue queue,
            ToLongFunction<JobQueues.Counts> value) {
        Gauge.builder(name, this, g -> {
                    Stats stats = g.stats();
                    return stats == null ? Double.NaN : value.applyAsLong(stats.queue(queue));
                })
                .description(description)
                .tag("queue", QueueAdministration.name(queue))
                .register(meters);
    }

    @Nullable
    Stats stats() {
        long now = System.nanoTime();
        Stats current = cached;
        if (current != null && now - readAtNanos < refresh.toNanos()) {
            return current;
        }
        synchronized (this) {
            if (cached != null && System.nanoTime() - readAtNanos < refresh.toNanos()) {
                return cached;
            }
            try {
                cached = queues.stats();
            } catch (RuntimeException e) {
                log.warn("Could not read the job queue counts: {}", e.toString());
                cached = null;
            }
            readAtNanos = System.nanoTime();
            return cached;
        }
    }
}

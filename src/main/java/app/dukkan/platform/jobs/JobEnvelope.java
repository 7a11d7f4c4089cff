package app.dukkan.platform.jobs;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * What a job row carries: the payload as JSON (so a dead letter can be read and replayed as it was),
 * when the job was first enqueued (for the enqueue-to-start latency) and the W3C {@code traceparent}
 * of the trace that scheduled it, if any (its run continues that trace). Rows written before the
 * trace was kept have no {@code traceparent} and read as null.
 */
public record JobEnvelope(
        String payload, long enqueuedAtMillis, @Nullable String traceparent) implements Serializable {

    /** A job that continues no trace. */
    public JobEnvelope(String payload, long enqueuedAtMillis) {
        this(payload, enqueuedAtMillis, null);
    }
}

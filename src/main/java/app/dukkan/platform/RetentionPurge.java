package app.dukkan.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * Data a module deletes once it is older than its retention. The module declares the nightly task
 * with {@link RetentionPurges#nightly}; the privacy notice lists every purge with its retention.
 */
public interface RetentionPurge {

    /**
     * A stable name, e.g. {@code payment-events}: the task is {@code purge-payment-events}, the
     * counter's {@code purge} tag and the privacy notice's line ({@code privacy.retention.<name>}).
     */
    String name();

    /** How long the data is kept (from configuration). */
    Duration retention();

    /**
     * Deletes what is older than {@code cutoff} over an index, in one statement or in batches of
     * one statement each, and answers how many rows it removed. Idempotent: a second run deletes
     * nothing more.
     */
    int purgeBefore(Instant cutoff);
}

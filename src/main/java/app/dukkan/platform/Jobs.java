package app.dukkan.platform;

import java.time.Instant;

/**
 * Schedules background jobs. Scheduling joins the caller's transaction: the job exists only if that
 * transaction commits (the job table is the outbox), and a crash after the commit loses nothing.
 */
public interface Jobs {

    /**
     * Schedules the job to run now. {@code key} names this job among those of its type: while one
     * with the same key is scheduled, scheduling it again does nothing.
     *
     * @return whether a job was scheduled
     */
    <T> boolean schedule(JobType<T> type, String key, T payload);

    /** The same, to run at {@code at}. */
    <T> boolean schedule(JobType<T> type, String key, T payload, Instant at);

    /**
     * Hands a job to the queue after its first {@code failedAttempts} attempts ran outside it (a
     * workflow step run at once after the one before, say) and failed, the last with {@code error}:
     * it is retried as if those attempts had been its own runs, after its policy's delay, or becomes
     * a dead letter at once when they used up its attempts. Joins the caller's transaction.
     */
    <T> void retry(JobType<T> type, String key, T payload, int failedAttempts, String error);
}

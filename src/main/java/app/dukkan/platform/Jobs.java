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
     * Hands a job to the queue after its first attempt ran outside it (a workflow step run at once
     * after the one before, say) and failed with {@code failure}: it is retried as if that attempt
     * had been its own first run, after its policy's delay, or becomes a dead letter at once when the
     * failure was for good ({@link PermanentJobFailure}) or the policy allows one attempt. Joins the
     * caller's transaction.
     */
    <T> void retry(JobType<T> type, String key, T payload, RuntimeException failure);

    /**
     * Ends the job that this thread is running with the caller's transaction: its row is removed in
     * it, so the job's last effect and its completion commit together, where the scheduler would
     * otherwise remove it in a transaction of its own after the handler returned. For the
     * transaction that records a handler's last effect; if it rolls back, the job ends as usual.
     * Outside a job's handler, does nothing.
     */
    void completeRunningJob();
}

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
}

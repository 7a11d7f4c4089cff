package app.dukkan.platform;

/**
 * A job failed its last attempt (or failed for good) and became a dead letter; published in the
 * transaction that moves it, so a module can mark what the job was doing as failed alongside.
 *
 * @param task the job type's name
 * @param key the job's key
 * @param payload the job's payload as JSON
 * @param error the last failure
 */
public record JobDeadLettered(String task, String key, String payload, String error) {}

package app.dukkan.platform.jobs;

import java.io.Serializable;

/**
 * What a job row carries: the payload as JSON (so a dead letter can be read and replayed as it was)
 * and when the job was first enqueued (for the enqueue-to-start latency).
 */
public record JobEnvelope(String payload, long enqueuedAtMillis) implements Serializable {}

package app.dukkan.platform;

/**
 * The three job queues. They share the scheduler's threads; due jobs of a higher priority are
 * picked first, so a backlog of bulk work never starves critical work.
 */
public enum JobQueue {
    CRITICAL(30),
    DEFAULT(20),
    BULK(10);

    private final int priority;

    JobQueue(int priority) {
        this.priority = priority;
    }

    /** db-scheduler's priority column: higher runs first. */
    public int priority() {
        return priority;
    }

    public static JobQueue ofPriority(int priority) {
        for (JobQueue queue : values()) {
            if (queue.priority == priority) {
                return queue;
            }
        }
        return DEFAULT;
    }
}

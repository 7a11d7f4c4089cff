package app.dukkan.platform.observability;

/**
 * JDBC time of the request running on this thread. A request runs its statements on its own
 * thread, so a thread-local sum needs no locking and no allocation per statement.
 */
final class RequestDbTime {

    private static final ThreadLocal<RequestDbTime> CURRENT = ThreadLocal.withInitial(RequestDbTime::new);

    private boolean active;
    private long nanos;
    private int statements;

    private RequestDbTime() {}

    /** Starts measuring a request on this thread. */
    static RequestDbTime start() {
        RequestDbTime time = CURRENT.get();
        time.active = true;
        time.nanos = 0;
        time.statements = 0;
        return time;
    }

    /** Adds one executed statement; statements outside a request (jobs, start-up) are not counted. */
    static void record(long elapsedNanos) {
        RequestDbTime time = CURRENT.get();
        if (time.active) {
            time.nanos += elapsedNanos;
            time.statements++;
        }
    }

    void stop() {
        active = false;
    }

    long nanos() {
        return nanos;
    }

    int statements() {
        return statements;
    }
}

package app.dukkan.platform;

/**
 * Does the work of one job. A job may run more than once (a retry, or a worker that died after the
 * effect but before recording success), so a handler makes its effect happen once: it checks what
 * it already did, keyed by the job's payload.
 */
@FunctionalInterface
public interface JobHandler<T> {

    void handle(T payload) throws Exception;
}

package app.dukkan.platform;

/**
 * A job the {@code jobs-bench} command can measure: a job type whose task is registered in the
 * process, and how to make its payloads. Declare one as a bean that exists only in that command's
 * process ({@code @ConditionalOnBooleanProperty("dukkan.jobs.bench.enabled")}); the command runs the
 * one whose {@code type().name()} is {@code dukkan.jobs.bench.task}.
 */
public interface BenchmarkWorkload<T> {

    JobType<T> type();

    /**
     * Called once before each run of this workload: looks up what its payloads need. Throws {@link
     * IllegalStateException} with a message for the operator when something is missing.
     */
    default void prepare() {}

    /**
     * The payload of one benchmark job. {@code key} is the job's key: unique among all runs (it
     * starts with the run's id), so a payload keyed by it makes each job's effect happen anew even on
     * a database that earlier runs used. Called on the command's thread while jobs are enqueued,
     * after {@link #prepare()}.
     */
    T payload(String key);
}

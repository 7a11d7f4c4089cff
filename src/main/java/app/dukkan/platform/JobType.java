package app.dukkan.platform;

/**
 * A kind of background job: its name (the db-scheduler task name), the payload it carries (a record
 * that Jackson can write), its queue and its retry policy. Declare one as a constant and run it with
 * a task made by {@link JobTasks#task}.
 */
public record JobType<T>(String name, Class<T> payloadType, JobQueue queue, RetryPolicy retry) {

    public JobType {
        if (!name.matches("[a-z][a-z0-9-]{1,60}")) {
            throw new IllegalArgumentException("job names are lower-case words with dashes: " + name);
        }
    }
}

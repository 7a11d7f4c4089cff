package app.dukkan.platform.jobs;

import app.dukkan.platform.Ids;
import app.dukkan.platform.JobDeadLettered;
import app.dukkan.platform.JobType;
import app.dukkan.platform.TextInput;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Jobs that failed every attempt, kept with their payload and last error until an operator replays them. */
@Repository
public class DeadLetters {

    public record DeadLetter(
            UUID id,
            String task,
            String key,
            String queue,
            String payload,
            int priority,
            String lastError,
            int attempts,
            Instant enqueuedAt,
            Instant failedAt,
            @Nullable Instant requeuedAt) {}

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcClient jdbc;
    private final DbSchedulerJobs jobs;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;

    DeadLetters(
            JdbcClient jdbc,
            DbSchedulerJobs jobs,
            ApplicationEventPublisher events,
            MeterRegistry meters,
            Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Makes a job that failed {@code attempts} times, the last time with {@code error}, a dead
     * letter, and tells the modules ({@link JobDeadLettered}), in the caller's transaction.
     */
    void bury(JobType<?> type, String key, JobEnvelope envelope, String error, int attempts) {
        String queue = type.queue().name().toLowerCase(Locale.ROOT);
        add(type.name(), key, queue, type.queue().priority(), envelope, error, attempts);
        events.publishEvent(new JobDeadLettered(type.name(), key, envelope.payload(), error));
        meters.counter("job.dead", "task", type.name(), "queue", queue).increment();
        log.error("{} {} failed {} times and is now a dead letter: {}", type.name(), key, attempts, error);
    }

    UUID add(String task, String key, String queue, int priority, JobEnvelope envelope, String error, int attempts) {
        UUID id = Ids.newId(clock);
        jdbc.sql("""
                        insert into job_dead_letters (id, task_name, task_instance, queue, priority, payload, last_error,
                            attempts, enqueued_at, failed_at)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        task,
                        key,
                        queue,
                        priority,
                        envelope.payload(),
                        TextInput.clip(error, 4000),
                        attempts,
                        Timestamp.from(Instant.ofEpochMilli(envelope.enqueuedAtMillis())),
                        Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.sql("select * from job_dead_letters where id = ?")
                .param(id)
                .query((rs, n) -> {
                    Timestamp requeued = rs.getTimestamp("requeued_at");
                    return new DeadLetter(
                            rs.getObject("id", UUID.class),
                            rs.getString("task_name"),
                            rs.getString("task_instance"),
                            rs.getString("queue"),
                            rs.getString("payload"),
                            rs.getInt("priority"),
                            rs.getString("last_error"),
                            rs.getInt("attempts"),
                            rs.getTimestamp("enqueued_at").toInstant(),
                            rs.getTimestamp("failed_at").toInstant(),
                            requeued == null ? null : requeued.toInstant());
                })
                .optional();
    }

    /**
     * Schedules the job again with its original payload and a fresh set of attempts, in the
     * caller's transaction; a dead letter is replayed once.
     *
     * @return false when there is no such dead letter or it was replayed already
     */
    public boolean requeue(UUID id) {
        int marked = jdbc.sql("update job_dead_letters set requeued_at = ? where id = ? and requeued_at is null")
                .params(Timestamp.from(clock.instant()), id)
                .update();
        if (marked == 0) {
            return false;
        }
        DeadLetter letter = find(id).orElseThrow();
        jobs.enqueue(
                letter.task(),
                letter.key(),
                new JobEnvelope(letter.payload(), clock.millis()),
                letter.priority(),
                Instant.now());
        return true;
    }
}

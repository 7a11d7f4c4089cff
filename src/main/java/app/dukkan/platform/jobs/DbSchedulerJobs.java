package app.dukkan.platform.jobs;

import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

@Component
class DbSchedulerJobs implements Jobs {

    // looked up on use: the scheduler depends on every task bean, and those on modules' services
    private final ObjectProvider<SchedulerClient> scheduler;
    // DeadLetters replays through this class
    private final ObjectProvider<DeadLetters> deadLetters;
    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final BulkYield bulkYield;
    private final JobTracing tracing;
    private final RunningJobs running;
    private final Clock clock;

    DbSchedulerJobs(
            ObjectProvider<SchedulerClient> scheduler,
            ObjectProvider<DeadLetters> deadLetters,
            MeterRegistry meters,
            JdbcClient jdbc,
            JsonMapper json,
            BulkYield bulkYield,
            JobTracing tracing,
            RunningJobs running,
            Clock clock) {
        this.scheduler = scheduler;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.jdbc = jdbc;
        this.json = json;
        this.bulkYield = bulkYield;
        this.tracing = tracing;
        this.running = running;
        this.clock = clock;
    }

    @Override
    public <T> boolean schedule(JobType<T> type, String key, T payload) {
        return schedule(type, key, payload, Instant.now());
    }

    @Override
    public <T> boolean schedule(JobType<T> type, String key, T payload, Instant at) {
        JobEnvelope envelope = envelope(payload);
        BulkYield.Start start = bulkYield.start(type.queue(), at);
        return enqueue(type.name(), key, envelope, type.queue().priority(), start.at(), start.postponed(), 0);
    }

    @Override
    public <T> void retry(JobType<T> type, String key, T payload, RuntimeException failure) {
        int failedAttempts =
                DeadLetteringFailureHandler.permanent(failure) ? type.retry().maxAttempts() : 1;
        String error = failure.toString();
        JobEnvelope envelope = envelope(payload);
        DeadLetteringFailureHandler.countFailure(meters, type);
        if (type.retry().exhaustedAfter(failedAttempts)) {
            deadLetters.getObject().bury(type, key, envelope, error, failedAttempts);
            return;
        }
        Instant at = clock.instant().plus(type.retry().delayAfter(failedAttempts));
        enqueue(type.name(), key, envelope, type.queue().priority(), at, false, failedAttempts);
    }

    @Override
    public void completeRunningJob() {
        running.complete();
    }

    /** The payload as the job carries it, with the time and the trace it was scheduled in. */
    private JobEnvelope envelope(Object payload) {
        return new JobEnvelope(json.writeValueAsString(payload), clock.millis(), tracing.traceparent());
    }

    /** Also used to replay a dead letter with its original payload, at once. */
    boolean enqueue(String task, String key, JobEnvelope envelope, int priority, Instant at) {
        return enqueue(task, key, envelope, priority, at, false, 0);
    }

    /**
     * One statement where db-scheduler's {@code scheduleIfNotExists} needs two (look up, then
     * insert): the row is the one it would write (data serialized by the scheduler's own serializer,
     * version 1, not picked). Bulk work put off while the shop is busy goes to {@code
     * postponed_jobs} instead ({@link BulkYield}); a key counts as taken in either table.
     */
    private boolean enqueue(
            String task,
            String key,
            JobEnvelope envelope,
            int priority,
            Instant at,
            boolean postponed,
            int failedAttempts) {
        String sql = postponed ? """
                        insert into postponed_jobs (task_name, task_instance, task_data, priority, due_by)
                        select :task, :key, :data, :priority, :at
                        where not exists (select 1 from scheduled_tasks where task_name = :task and task_instance = :key)
                        on conflict (task_name, task_instance) do nothing""" : """
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, priority,
                                                     consecutive_failures)
                        select :task, :key, :data, :at, false, 1, :priority, :failures
                        where not exists (select 1 from postponed_jobs where task_name = :task and task_instance = :key)
                        on conflict (task_name, task_instance) do nothing""";
        boolean scheduled = jdbc.sql(sql)
                        .param("task", task)
                        .param("key", key)
                        .param("data", JobsConfiguration.JOB_DATA.serialize(envelope))
                        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                        .param("priority", priority)
                        .param("failures", failedAttempts)
                        .update()
                == 1;
        if (scheduled && !postponed && !at.isAfter(Instant.now()) && scheduler.getObject() instanceof Scheduler local) {
            // this process runs jobs: look for due ones at once rather than at the next poll, and
            // inside a transaction only once the row is visible, after the commit
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        local.triggerCheckForDueExecutions();
                    }
                });
            } else {
                local.triggerCheckForDueExecutions();
            }
        }
        return scheduled;
    }
}

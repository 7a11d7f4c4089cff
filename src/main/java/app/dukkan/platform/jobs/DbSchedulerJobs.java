package app.dukkan.platform.jobs;

import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

@Component
class DbSchedulerJobs implements Jobs {

    // looked up on use: the scheduler depends on every task bean, and those on modules' services
    private final ObjectProvider<SchedulerClient> scheduler;
    private final JsonMapper json;
    private final Clock clock;

    DbSchedulerJobs(ObjectProvider<SchedulerClient> scheduler, JsonMapper json, Clock clock) {
        this.scheduler = scheduler;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public <T> boolean schedule(JobType<T> type, String key, T payload) {
        return schedule(type, key, payload, Instant.now());
    }

    @Override
    public <T> boolean schedule(JobType<T> type, String key, T payload, Instant at) {
        JobEnvelope envelope = new JobEnvelope(json.writeValueAsString(payload), clock.millis());
        return enqueue(type.name(), key, envelope, type.queue().priority(), at);
    }

    /** Also used to replay a dead letter with its original payload. */
    boolean enqueue(String task, String key, JobEnvelope envelope, int priority, Instant at) {
        SchedulerClient client = scheduler.getObject();
        boolean scheduled = client.scheduleIfNotExists(new TaskInstance.Builder<JobEnvelope>(task, key)
                .data(envelope)
                .priority(priority)
                .scheduledTo(at));
        if (scheduled
                && client instanceof Scheduler local
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            // Immediate execution looks for due jobs while this transaction is still open; look again
            // once the row is visible instead of waiting for the next poll.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    local.triggerCheckForDueExecutions();
                }
            });
        }
        return scheduled;
    }
}

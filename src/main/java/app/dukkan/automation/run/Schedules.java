package app.dukkan.automation.run;

import app.dukkan.automation.Workflow;
import app.dukkan.automation.workflow.WorkflowChanged;
import app.dukkan.automation.workflow.WorkflowDefinition;
import app.dukkan.automation.workflow.WorkflowStore;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobTasks;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import com.github.kagkarlsson.scheduler.task.Task;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cron triggers. Each enabled cron workflow has one planned job for its next time, keyed by
 * workflow, schedule generation and time, so every instance that plans it plans the same job and
 * the scheduler runs it once. When it runs it starts the run (idempotent by its planned time) and
 * plans the following time computed from the planned one, not from the clock, so the schedule does
 * not drift; the job's own row goes in the same transaction. A change to the workflow raises its generation: older planned jobs find they are stale
 * and do nothing, and the new schedule is planned in the same transaction.
 */
@Configuration(proxyBeanMethods = false)
class Schedules {

    record Planned(UUID workflowId, int generation, long atMillis) {

        String key() {
            return workflowId + "/" + generation + "/" + atMillis;
        }
    }

    static final JobType<Planned> CRON = new JobType<>(
            "automation-cron", Planned.class, JobQueue.DEFAULT, RetryPolicy.exponential(5, Duration.ofSeconds(5)));

    private final WorkflowStore workflows;
    private final RunEngine engine;
    private final Jobs jobs;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Schedules(WorkflowStore workflows, RunEngine engine, Jobs jobs, TransactionTemplate transactions, Clock clock) {
        this.workflows = workflows;
        this.engine = engine;
        this.jobs = jobs;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Bean
    Task<?> automationCronTask(JobTasks tasks) {
        return tasks.task(CRON, this::fire);
    }

    /** Plans every enabled schedule at start (planning one already planned does nothing). */
    @EventListener(ApplicationReadyEvent.class)
    void planAll() {
        transactions.executeWithoutResult(
                status -> workflows.enabledSchedules().forEach(w -> plan(w, clock.instant())));
    }

    @EventListener
    void on(WorkflowChanged changed) {
        workflows
                .find(changed.workflowId())
                .filter(w -> w.enabled() && w.triggerType().equals("cron"))
                .ifPresent(w -> plan(w, clock.instant()));
    }

    private void plan(Workflow workflow, Instant after) {
        WorkflowDefinition.Cron cron = (WorkflowDefinition.Cron) workflows
                .version(workflow.id(), workflow.version())
                .definition()
                .trigger();
        ZonedDateTime next = CronExpression.parse(cron.expression()).next(after.atZone(cron.zone()));
        if (next != null) {
            Planned planned = new Planned(
                    workflow.id(),
                    workflow.scheduleGeneration(),
                    next.toInstant().toEpochMilli());
            jobs.schedule(CRON, planned.key(), planned, next.toInstant());
        }
    }

    private void fire(Planned planned) {
        transactions.executeWithoutResult(status -> {
            Workflow workflow = workflows.find(planned.workflowId()).orElse(null);
            if (workflow == null
                    || !workflow.enabled()
                    || !workflow.triggerType().equals("cron")
                    || workflow.scheduleGeneration() != planned.generation()) {
                return;
            }
            WorkflowDefinition.Cron cron = (WorkflowDefinition.Cron) workflows
                    .version(workflow.id(), workflow.version())
                    .definition()
                    .trigger();
            Instant at = Instant.ofEpochMilli(planned.atMillis());
            ObjectNode payload = JsonNodeFactory.instance
                    .objectNode()
                    .put("scheduledAt", at.toString())
                    .put("date", at.atZone(cron.zone()).toLocalDate().toString())
                    .put("zone", cron.zone().getId());
            // the planned time is the idempotency key: a repeat of this job starts nothing more
            byte[] hash = TriggerController.sha256(payload.toString().getBytes(StandardCharsets.UTF_8));
            engine.start(workflow, "cron", payload, "cron:" + at, hash);
            // cron times are absolute: the next one after the later of plan and clock skips times missed while down
            Instant now = clock.instant();
            plan(workflow, at.isAfter(now) ? at : now);
            // this job ends as the next one is planned: a workflow never has two planned times at once
            jobs.completeRunningJob();
        });
    }
}

package app.dukkan.platform.jobs;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On shutdown (SIGTERM), first of all (when the context starts closing): stops taking jobs and lets the running ones finish. {@code
 * Scheduler.stop()} waits {@code db-scheduler.shutdown-max-wait} for them, then interrupts them
 * and waits as long again. A job still running after that is released: its row is un-picked, so
 * another worker runs it at once instead of after the heartbeat timeout. (Its thread may still
 * finish; its completion then finds the row changed. Handlers are idempotent, so the effect
 * happens once.)
 */
final class WorkerShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

    private final Scheduler scheduler;
    private final JdbcClient jdbc;

    WorkerShutdown(Scheduler scheduler, JdbcClient jdbc) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    /**
     * On closing, before any lifecycle bean stops (the web server's graceful shutdown among them).
     * Not a {@code SmartLifecycle}: a stopped db-scheduler cannot start again, and contexts may be
     * stopped and restarted (the test framework pauses cached contexts).
     */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (!scheduler.getSchedulerState().isStarted()
                || scheduler.getSchedulerState().isShuttingDown()) {
            return;
        }
        scheduler.stop();
        int released = 0;
        for (CurrentlyExecuting current : scheduler.getCurrentlyExecuting()) {
            Execution execution = current.getExecution();
            released += jdbc.sql("""
                            update scheduled_tasks
                            set picked = false, picked_by = null, last_heartbeat = null, version = version + 1
                            where task_name = ? and task_instance = ? and picked and picked_by = ?""")
                    .params(execution.getTaskName(), execution.getId(), execution.pickedBy)
                    .update();
        }
        if (released > 0) {
            log.warn("Released {} job(s) that did not finish in time; another worker runs them", released);
        }
    }
}

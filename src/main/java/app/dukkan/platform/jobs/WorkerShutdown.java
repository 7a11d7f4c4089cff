package app.dukkan.platform.jobs;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On shutdown (SIGTERM), first of all: stops taking jobs and lets the running ones finish. {@code
 * Scheduler.stop()} waits {@code db-scheduler.shutdown-max-wait} for them, then interrupts them
 * and waits as long again. A job still running after that is released: its row is un-picked, so
 * another worker runs it at once instead of after the heartbeat timeout. (Its thread may still
 * finish; its completion then finds the row changed. Handlers are idempotent, so the effect
 * happens once.)
 */
final class WorkerShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

    private final Scheduler scheduler;
    private final JdbcClient jdbc;
    private volatile boolean running;

    WorkerShutdown(Scheduler scheduler, JdbcClient jdbc) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
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

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown and long before the data source closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}

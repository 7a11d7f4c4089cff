package app.dukkan.platform.jobs;

import com.github.kagkarlsson.scheduler.task.Execution;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job each scheduler thread is running, so that a handler can end it in the transaction of its
 * last effect ({@link app.dukkan.platform.Jobs#completeRunningJob()}): the effect and the job's
 * removal commit together, and the scheduler, told so, removes nothing afterwards.
 */
@Component
class RunningJobs {

    /** One run of a job on this thread; {@code completed} once its removal committed. */
    static final class Run {

        private final Execution execution;
        private volatile boolean completed;

        private Run(Execution execution) {
            this.execution = execution;
        }

        boolean completed() {
            return completed;
        }
    }

    private final ThreadLocal<Run> current = new ThreadLocal<>();
    private final JdbcClient jdbc;

    RunningJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** This thread starts running {@code execution} (as the scheduler picked it); pair with {@link #exit()}. */
    Run enter(Execution execution) {
        Run run = new Run(execution);
        current.set(run);
        return run;
    }

    void exit() {
        current.remove();
    }

    /**
     * Removes the running job's row in the caller's transaction (at once without one). The version
     * is the one the scheduler's pick wrote: a row picked again since (a run declared dead) stays.
     */
    void complete() {
        @Nullable Run run = current.get();
        if (run == null || run.completed) {
            return;
        }
        jdbc.sql("delete from scheduled_tasks where task_name = :task and task_instance = :key and version = :version")
                .param("task", run.execution.taskInstance.getTaskName())
                .param("key", run.execution.taskInstance.getId())
                .param("version", run.execution.version)
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    run.completed = true;
                }
            });
        } else {
            run.completed = true;
        }
    }
}

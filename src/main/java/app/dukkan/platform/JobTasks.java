package app.dukkan.platform;

import app.dukkan.platform.jobs.JobEnvelope;
import app.dukkan.platform.jobs.JobRunner;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.stereotype.Component;

/**
 * Makes the db-scheduler task that runs jobs of one type. Declare its result as a bean ({@code @Bean
 * Task<?> orderMailTask(JobTasks tasks, …)}); the scheduler picks every task bean up.
 */
@Component
public class JobTasks {

    private final JobRunner runner;

    JobTasks(JobRunner runner) {
        this.runner = runner;
    }

    public <T> Task<JobEnvelope> task(JobType<T> type, JobHandler<T> handler) {
        return runner.task(type, handler);
    }
}

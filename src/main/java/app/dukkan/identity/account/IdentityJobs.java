package app.dukkan.identity.account;

import app.dukkan.platform.JobTasks;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The identity module's background jobs. */
@Configuration(proxyBeanMethods = false)
class IdentityJobs {

    @Bean
    Task<?> magicLinkRequestTask(JobTasks tasks, MagicLinks links) {
        return tasks.task(MagicLinks.REQUEST, links::issue);
    }
}

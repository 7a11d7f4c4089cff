package app.dukkan.identity.account;

import app.dukkan.platform.JobTasks;
import app.dukkan.platform.RetentionPurges;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The identity module's background jobs and the nightly purge of old account tokens. */
@Configuration(proxyBeanMethods = false)
class IdentityJobs {

    @Bean
    Task<?> magicLinkRequestTask(JobTasks tasks, MagicLinks links) {
        return tasks.task(MagicLinks.REQUEST, links::issue);
    }

    @Bean
    Task<?> passwordResetRequestTask(JobTasks tasks, PasswordReset resets) {
        return tasks.task(PasswordReset.REQUEST, resets::issue);
    }

    @Bean
    RecurringTask<Void> purgeAccountTokens(RetentionPurges purges, TokenPurge purge) {
        return purges.nightly(purge);
    }
}

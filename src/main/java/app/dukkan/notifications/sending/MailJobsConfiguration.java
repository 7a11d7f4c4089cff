package app.dukkan.notifications.sending;

import app.dukkan.notifications.mail.MailKind;
import app.dukkan.notifications.mail.MailboxPurge;
import app.dukkan.platform.JobTasks;
import app.dukkan.platform.RetentionPurges;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler task of each mail job type (all run {@link MailDelivery#deliver}) and the nightly
 * purge of the development mailbox.
 */
@Configuration(proxyBeanMethods = false)
class MailJobsConfiguration {

    @Bean
    RecurringTask<Void> purgeMailbox(RetentionPurges purges, MailboxPurge purge) {
        return purges.nightly(purge);
    }

    @Bean
    Task<?> orderConfirmationMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.ORDER_CONFIRMATION), delivery::deliver);
    }

    @Bean
    Task<?> orderShippedMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.ORDER_SHIPPED), delivery::deliver);
    }

    @Bean
    Task<?> refundIssuedMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.REFUND_ISSUED), delivery::deliver);
    }

    @Bean
    Task<?> refundFailedMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.REFUND_FAILED), delivery::deliver);
    }

    @Bean
    Task<?> orderCancelledMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.ORDER_CANCELLED), delivery::deliver);
    }

    @Bean
    Task<?> welcomeMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.WELCOME), delivery::deliver);
    }

    @Bean
    Task<?> passwordResetMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.PASSWORD_RESET), delivery::deliver);
    }

    @Bean
    Task<?> magicLinkMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.MAGIC_LINK), delivery::deliver);
    }

    @Bean
    Task<?> emailVerificationMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.EMAIL_VERIFICATION), delivery::deliver);
    }

    @Bean
    Task<?> plainTextMailTask(JobTasks tasks, MailJobs jobs, MailDelivery delivery) {
        return tasks.task(jobs.type(MailKind.PLAIN_TEXT), delivery::deliver);
    }
}

package app.dukkan.payments.processing;

import app.dukkan.payments.provider.PaymentsProperties;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobTasks;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.PermanentJobFailure;
import app.dukkan.platform.RetentionPurges;
import app.dukkan.platform.RetryPolicy;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The module's two jobs, both on the critical queue: {@code payment-event} processes one recorded
 * provider event, {@code payment-refund} carries out one refund with the provider. Both are
 * scheduled in the transaction that records their row (the job table is the outbox) and retried with
 * a capped exponential back-off ({@code dukkan.payments.jobs.*}); after the last attempt they become
 * dead letters an operator replays.
 */
@Configuration(proxyBeanMethods = false)
class PaymentJobs {

    /** Job data: the payment_events row to process (also the job's key). */
    public record PaymentEventJob(UUID eventId) {}

    /** Job data: the payment_refunds row to carry out (also the job's key). */
    public record PaymentRefundJob(UUID refundId) {}

    @Bean
    JobScheduling paymentJobScheduling(Jobs jobs, PaymentsProperties properties) {
        return new JobScheduling(jobs, properties.jobs());
    }

    @Bean
    Task<?> paymentEventTask(JobTasks tasks, JobScheduling scheduling, EventProcessor processor) {
        return tasks.task(scheduling.event, job -> processor.process(job.eventId()));
    }

    @Bean
    RecurringTask<Void> purgePaymentEvents(RetentionPurges purges, PaymentEventPurge purge) {
        return purges.nightly(purge);
    }

    @Bean
    Task<?> paymentRefundTask(JobTasks tasks, JobScheduling scheduling, RefundExecutor executor) {
        return tasks.task(scheduling.refund, job -> executor.execute(job.refundId()));
    }

    /** Schedules the module's jobs in the caller's transaction. */
    static final class JobScheduling {

        final JobType<PaymentEventJob> event;
        final JobType<PaymentRefundJob> refund;
        private final Jobs jobs;
        private final Duration firstRetry;

        JobScheduling(Jobs jobs, PaymentsProperties.Jobs settings) {
            this.jobs = jobs;
            this.firstRetry = settings.firstDelay();
            RetryPolicy retry = new RetryPolicy(
                    settings.maxAttempts(), settings.firstDelay(), settings.factor(), settings.maxDelay());
            this.event = new JobType<>("payment-event", PaymentEventJob.class, JobQueue.CRITICAL, retry);
            this.refund = new JobType<>("payment-refund", PaymentRefundJob.class, JobQueue.CRITICAL, retry);
        }

        /** Retries the event's processing (which failed as it came in) after the first retry delay. */
        void retryEvent(UUID eventId) {
            jobs.schedule(
                    event,
                    eventId.toString(),
                    new PaymentEventJob(eventId),
                    Instant.now().plus(firstRetry));
        }

        void carryOutRefund(UUID refundId) {
            jobs.schedule(refund, refundId.toString(), new PaymentRefundJob(refundId));
        }

        /**
         * A refund that failed after the provider accepted it becomes a dead letter of its job, as one
         * refused at once does; replaying it does nothing, its row being failed.
         */
        void refundFailed(UUID refundId, String reason) {
            jobs.retry(
                    refund,
                    refundId.toString(),
                    new PaymentRefundJob(refundId),
                    new PermanentJobFailure("refund failed at the provider after it was accepted: " + reason));
        }
    }
}

package app.dukkan.payments.processing;

import app.dukkan.payments.provider.PaymentsProperties;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The module's two db-scheduler jobs: {@code payment-event} processes one recorded provider event,
 * {@code payment-refund} carries out one refund with the provider. Both are scheduled in the
 * transaction that records their row (the job table is the outbox) and retried with a capped
 * exponential back-off until they succeed.
 */
@Configuration(proxyBeanMethods = false)
class PaymentJobs {

    /**
     * Job data: the payment_events row to process (also the task instance id). Serializable as well
     * as JSON-friendly, so it suits whichever serializer the scheduler is given.
     */
    public record PaymentEventJob(UUID eventId) implements Serializable {}

    /** Job data: the payment_refunds row to carry out (also the task instance id). */
    public record PaymentRefundJob(UUID refundId) implements Serializable {}

    static final TaskDescriptor<PaymentEventJob> EVENT = TaskDescriptor.of("payment-event", PaymentEventJob.class);
    static final TaskDescriptor<PaymentRefundJob> REFUND = TaskDescriptor.of("payment-refund", PaymentRefundJob.class);

    @Bean
    OneTimeTask<PaymentEventJob> paymentEventTask(EventProcessor processor, PaymentsProperties properties) {
        return Tasks.oneTime(EVENT)
                .onFailure(new CappedBackoff<>(properties.jobs()))
                .execute((instance, context) ->
                        processor.process(instance.getData().eventId()));
    }

    @Bean
    OneTimeTask<PaymentRefundJob> paymentRefundTask(RefundExecutor executor, PaymentsProperties properties) {
        return Tasks.oneTime(REFUND)
                .onFailure(new CappedBackoff<>(properties.jobs()))
                .execute((instance, context) ->
                        executor.execute(instance.getData().refundId()));
    }

    @Bean
    JobScheduling paymentJobScheduling(ObjectProvider<SchedulerClient> scheduler) {
        return new JobScheduling(scheduler);
    }

    /**
     * Schedules jobs in the caller's transaction. The scheduler is looked up on use: it depends on
     * every task bean, and those may (through other modules) depend on this module's services.
     */
    static final class JobScheduling {

        private final ObjectProvider<SchedulerClient> scheduler;

        JobScheduling(ObjectProvider<SchedulerClient> scheduler) {
            this.scheduler = scheduler;
        }

        void processEvent(UUID eventId) {
            schedule(EVENT.instance(eventId.toString())
                    .data(new PaymentEventJob(eventId))
                    .build());
        }

        void carryOutRefund(UUID refundId) {
            schedule(REFUND.instance(refundId.toString())
                    .data(new PaymentRefundJob(refundId))
                    .build());
        }

        private void schedule(TaskInstance<?> instance) {
            SchedulerClient client = scheduler.getObject();
            // due now by the scheduler's own clock (db-scheduler compares with system time)
            client.scheduleIfNotExists(instance, Instant.now());
            if (client instanceof Scheduler local && TransactionSynchronizationManager.isSynchronizationActive()) {
                // Immediate execution looks for due jobs when scheduling, before this transaction
                // commits; look again once the row is visible instead of waiting for the next poll.
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        local.triggerCheckForDueExecutions();
                    }
                });
            }
        }
    }

    /**
     * Retries after {@code firstDelay × factor^(failures − 1)}, capped at {@code maxDelay}, forever:
     * a later issue adds dead letters; until then an operator sees attempts and last_error on the row.
     */
    static final class CappedBackoff<T> implements FailureHandler<T> {

        private static final Logger log = LoggerFactory.getLogger(CappedBackoff.class);

        private final PaymentsProperties.Jobs settings;

        CappedBackoff(PaymentsProperties.Jobs settings) {
            this.settings = settings;
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
            int failures = complete.getExecution().consecutiveFailures + 1;
            Duration delay = delay(settings, failures);
            log.warn(
                    "{} {} failed (attempt {}), next try in {}: {}",
                    complete.getExecution().getTaskName(),
                    complete.getExecution().getId(),
                    failures,
                    delay,
                    complete.getCause().map(Throwable::toString).orElse("unknown"));
            operations.reschedule(complete, complete.getTimeDone().plus(delay));
        }

        static Duration delay(PaymentsProperties.Jobs settings, int failures) {
            double millis = settings.firstDelay().toMillis() * Math.pow(settings.factor(), Math.max(0, failures - 1));
            return Duration.ofMillis((long) Math.min(millis, settings.maxDelay().toMillis()));
        }
    }
}

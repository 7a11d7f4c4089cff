package app.dukkan.platform.jobs;

import app.dukkan.platform.JobType;
import app.dukkan.platform.PermanentJobFailure;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retries a failed job with its type's back-off; after the last attempt moves it to the dead letters
 * (in one transaction with removing it from the schedule, so it is never both or neither), at once
 * when the handler said no retry can help ({@link PermanentJobFailure}).
 */
public final class DeadLetteringFailureHandler implements FailureHandler<JobEnvelope> {

    private static final Logger log = LoggerFactory.getLogger(DeadLetteringFailureHandler.class);

    private final JobType<?> type;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    DeadLetteringFailureHandler(
            JobType<?> type, DeadLetters deadLetters, TransactionTemplate transactions, MeterRegistry meters) {
        this.type = type;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.meters = meters;
    }

    /** Whether no retry can help: the failure, or what it wraps, is a {@link PermanentJobFailure}. */
    static boolean permanent(Throwable failure) {
        return failure instanceof PermanentJobFailure || failure.getCause() instanceof PermanentJobFailure;
    }

    /** Counts a failed attempt of a job of this type ({@code job.fail}, by task and queue). */
    static void countFailure(MeterRegistry meters, JobType<?> type) {
        meters.counter(
                        "job.fail",
                        "task",
                        type.name(),
                        "queue",
                        type.queue().name().toLowerCase(Locale.ROOT))
                .increment();
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<JobEnvelope> operations) {
        int failures = complete.getExecution().consecutiveFailures + 1;
        String key = complete.getExecution().taskInstance.getId();
        String error = complete.getCause().map(Throwable::toString).orElse("unknown");
        countFailure(meters, type);
        boolean permanent =
                complete.getCause().map(DeadLetteringFailureHandler::permanent).orElse(false);
        if (permanent || type.retry().exhaustedAfter(failures)) {
            JobEnvelope envelope =
                    (JobEnvelope) complete.getExecution().taskInstance.getData();
            transactions.executeWithoutResult(status -> {
                deadLetters.bury(type, key, envelope, error, failures);
                operations.remove();
            });
            return;
        }
        Duration delay = type.retry().delayAfter(failures);
        log.warn("{} {} failed (attempt {}), next try in {}: {}", type.name(), key, failures, delay, error);
        operations.reschedule(complete, complete.getTimeDone().plus(delay));
    }
}

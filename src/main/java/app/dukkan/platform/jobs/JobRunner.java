package app.dukkan.platform.jobs;

import app.dukkan.platform.JobHandler;
import app.dukkan.platform.JobType;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs jobs: reads the payload, measures enqueue-to-start latency, calls the handler in a span that
 * continues the trace which scheduled the job. Once the handler returns, db-scheduler removes the
 * job, unless the handler's last transaction did ({@link RunningJobs}).
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /** The completion of a job whose handler removed it already. */
    private static final CompletionHandler<JobEnvelope> COMPLETED = (complete, operations) -> {};

    private final JsonMapper json;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final JobTracing tracing;
    private final RunningJobs running;
    private final Map<String, RunObserver> observers = new ConcurrentHashMap<>();

    /** Told of each run of one task: for the jobs benchmark, which measures tasks it does not own. */
    interface RunObserver {

        /** A run starts, {@code latencyMillis} after its job was enqueued (what {@code job.latency} records). */
        void started(long latencyMillis);

        /** That run's handler returned (db-scheduler then removes the job). */
        void finished();

        /** That run's handler failed. */
        void failed(Exception failure);
    }

    JobRunner(
            JsonMapper json,
            DeadLetters deadLetters,
            TransactionTemplate transactions,
            MeterRegistry meters,
            Clock clock,
            JobTracing tracing,
            RunningJobs running) {
        this.json = json;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        this.tracing = tracing;
        this.running = running;
    }

    public <T> Task<JobEnvelope> task(JobType<T> type, JobHandler<T> handler) {
        Timer latency = Timer.builder("job.latency")
                .description("time from enqueueing a job to the start of its (latest) run")
                .tag("task", type.name())
                .tag("queue", type.queue().name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .register(meters);
        return Tasks.custom(type.name(), JobEnvelope.class)
                .onFailure(new DeadLetteringFailureHandler(type, deadLetters, transactions, meters))
                .execute((instance, context) -> {
                    JobEnvelope envelope = instance.getData();
                    long latencyMillis = Math.max(0, clock.millis() - envelope.enqueuedAtMillis());
                    latency.record(Duration.ofMillis(latencyMillis));
                    RunObserver observer = observers.get(type.name());
                    if (observer != null) {
                        observer.started(latencyMillis);
                    }
                    RunningJobs.Run run = running.enter(context.getExecution());
                    Span span = tracing.start(type.name(), type.queue().name(), envelope.traceparent());
                    try (Tracer.SpanInScope scope = tracing.inScope(span)) {
                        T payload = json.readValue(envelope.payload(), type.payloadType());
                        handler.handle(payload);
                        if (observer != null) {
                            observer.finished();
                        }
                    } catch (Exception e) {
                        span.error(e);
                        if (observer != null) {
                            observer.failed(e);
                        }
                        if (run.completed()) {
                            // its last effect committed with its removal: nothing is left to retry
                            log.warn(
                                    "{} {} failed after it completed: {}", type.name(), instance.getId(), e.toString());
                            return COMPLETED;
                        }
                        if (e instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        throw new JobFailedException(type.name(), e);
                    } finally {
                        running.exit();
                        span.end();
                    }
                    return run.completed() ? COMPLETED : new CompletionHandler.OnCompleteRemove<>();
                });
    }

    /** Tells {@code observer} of every run of {@code task} from now on (one observer per task), until {@code null}. */
    void observe(String task, @Nullable RunObserver observer) {
        if (observer == null) {
            observers.remove(task);
        } else {
            observers.put(task, observer);
        }
    }

    /** A handler's checked exception, carried to the failure handler. */
    static final class JobFailedException extends RuntimeException {
        JobFailedException(String task, Exception cause) {
            super(task + " failed: " + cause, cause);
        }
    }
}

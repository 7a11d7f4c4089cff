package app.dukkan.platform.jobs;

import app.dukkan.platform.JobHandler;
import app.dukkan.platform.JobType;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs jobs: reads the payload, measures enqueue-to-start latency, calls the handler in a span that
 * continues the trace which scheduled the job.
 */
@Component
public class JobRunner {

    private final JsonMapper json;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final JobTracing tracing;
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
            JobTracing tracing) {
        this.json = json;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        this.tracing = tracing;
    }

    public <T> Task<JobEnvelope> task(JobType<T> type, JobHandler<T> handler) {
        Timer latency = Timer.builder("job.latency")
                .description("time from enqueueing a job to the start of its (latest) run")
                .tag("task", type.name())
                .tag("queue", type.queue().name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .register(meters);
        return Tasks.oneTime(type.name(), JobEnvelope.class)
                .onFailure(new DeadLetteringFailureHandler(type, deadLetters, transactions, meters))
                .execute((instance, context) -> {
                    JobEnvelope envelope = instance.getData();
                    long latencyMillis = Math.max(0, clock.millis() - envelope.enqueuedAtMillis());
                    latency.record(Duration.ofMillis(latencyMillis));
                    RunObserver observer = observers.get(type.name());
                    if (observer != null) {
                        observer.started(latencyMillis);
                    }
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
                        if (e instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        throw new JobFailedException(type.name(), e);
                    } finally {
                        span.end();
                    }
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

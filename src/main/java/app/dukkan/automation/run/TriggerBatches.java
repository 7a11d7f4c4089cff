package app.dukkan.automation.run;

import app.dukkan.automation.Workflow;
import app.dukkan.platform.ProblemException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Starts the runs of webhook triggers several to a transaction. Each request waits for its run to
 * be committed, as before, but the requests that arrive while a transaction commits share the next
 * one: under load a commit, a connection and a transaction's bookkeeping serve many triggers instead
 * of one. A few writer threads each take what is waiting (at most {@code max-batch}); alone, a
 * trigger is written at once. A trigger refused by the engine (an idempotency key reused with
 * another body) is answered with its refusal and leaves the others' runs alone; when a shared
 * transaction fails, none of its runs exists and each of its triggers is written again alone, so
 * that one trigger's fault (a payload the database refuses) fails only that one. Each run is started in its
 * request's span, so its jobs stay in the request's trace.
 */
@Component
class TriggerBatches implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TriggerBatches.class);
    private static final long WAIT_SECONDS = 30;

    /** One trigger waiting for its run. */
    private record Pending(
            Workflow workflow,
            JsonNode payload,
            @Nullable String idempotencyKey,
            byte[] payloadSha256,
            @Nullable Span span,
            CompletableFuture<RunEngine.Started> answer) {}

    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final RunEngine engine;
    private final TransactionTemplate transactions;
    private final Tracer tracer;
    private final int maxBatch;
    private final DistributionSummary batchSizes;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopped;

    TriggerBatches(
            RunEngine engine,
            TransactionTemplate transactions,
            Tracer tracer,
            MeterRegistry meters,
            @Value("${dukkan.automation.triggers.writers:2}") int writerCount,
            @Value("${dukkan.automation.triggers.max-batch:64}") int maxBatch) {
        if (writerCount < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("dukkan.automation.triggers.writers and .max-batch must be at least 1");
        }
        this.engine = engine;
        this.transactions = transactions;
        this.tracer = tracer;
        this.maxBatch = maxBatch;
        this.batchSizes = DistributionSummary.builder("automation.triggers.batch")
                .description("triggers whose runs were started in one transaction")
                .register(meters);
        for (int i = 1; i <= writerCount; i++) {
            Thread writer = new Thread(this::write, "trigger-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Starts a run of the workflow's current version, as {@link RunEngine#start} does, once it is committed. */
    RunEngine.Started start(
            Workflow workflow, JsonNode payload, @Nullable String idempotencyKey, byte[] payloadSha256) {
        if (stopped) {
            throw unavailable();
        }
        CompletableFuture<RunEngine.Started> answer = new CompletableFuture<>();
        Pending pending = new Pending(workflow, payload, idempotencyKey, payloadSha256, tracer.currentSpan(), answer);
        waiting.add(pending);
        try {
            try {
                return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (waiting.remove(pending)) {
                    throw unavailable(); // taken back before any writer took it: never recorded
                }
                // a writer is committing it: its answer is on the way
                return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw unconfirmed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw waiting.remove(pending) ? unavailable() : unconfirmed();
        }
    }

    /** Taken by a writer but not confirmed in time: its run may well start. */
    private static ProblemException unconfirmed() {
        return new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "busy",
                "Busy",
                "The trigger is being recorded but was not confirmed in time, so its run may start; send it"
                        + " again with the same Idempotency-Key to learn its run (without one it may start twice)",
                List.of());
    }

    /** Refused before it was recorded: nothing starts. */
    private static ProblemException unavailable() {
        return new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "busy",
                "Busy",
                "The trigger could not be recorded in time, and nothing was started; send it again",
                List.of());
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!stopped) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, maxBatch - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Pending> batch) {
        batchSizes.record(batch.size());
        List<@Nullable Object> outcomes = new ArrayList<>(batch.size());
        try {
            transactions.executeWithoutResult(status -> {
                outcomes.clear();
                for (Pending trigger : batch) {
                    try (Tracer.SpanInScope scope = tracer.withSpan(trigger.span())) {
                        outcomes.add(engine.start(
                                trigger.workflow(),
                                "webhook",
                                trigger.payload(),
                                trigger.idempotencyKey(),
                                trigger.payloadSha256()));
                    } catch (ProblemException refused) {
                        // a refusal reads and writes nothing that the others depend on
                        outcomes.add(refused);
                    }
                }
            });
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                log.warn("A batch of {} triggers failed, writing each alone: {}", batch.size(), reason(e));
                batch.forEach(trigger -> commit(List.of(trigger)));
            } else {
                log.warn("A trigger failed: {}", reason(e));
                batch.get(0).answer().completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Object outcome = outcomes.get(i);
            if (outcome instanceof RunEngine.Started started) {
                batch.get(i).answer().complete(started);
            } else {
                batch.get(i).answer().completeExceptionally((ProblemException) outcome);
            }
        }
    }

    /** What failed, without its message: PostgreSQL quotes the refused part of a payload in it. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof SQLException sql
                ? root.getClass().getName() + " (SQLState " + sql.getSQLState() + ")"
                : root.getClass().getName();
    }

    @Override
    public void destroy() {
        stopped = true;
        writers.forEach(Thread::interrupt);
        Pending left;
        while ((left = waiting.poll()) != null) {
            left.answer().completeExceptionally(unavailable());
        }
    }
}

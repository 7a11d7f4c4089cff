package app.dukkan.automation.run;

import app.dukkan.automation.Run;
import app.dukkan.automation.Workflow;
import app.dukkan.automation.connector.Connector;
import app.dukkan.automation.connector.ConnectorException;
import app.dukkan.automation.connector.ConnectorUnavailableException;
import app.dukkan.automation.connector.StepCall;
import app.dukkan.automation.connector.StepResult;
import app.dukkan.automation.log.RunLogs;
import app.dukkan.automation.workflow.Conditions;
import app.dukkan.automation.workflow.Templates;
import app.dukkan.automation.workflow.WorkflowDefinition;
import app.dukkan.automation.workflow.WorkflowSecrets;
import app.dukkan.automation.workflow.WorkflowStore;
import app.dukkan.platform.Ids;
import app.dukkan.platform.JobDeadLettered;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.PermanentJobFailure;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.RetryPolicy;
import app.dukkan.platform.TextInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs workflows step by step. A step's result is stored in a transaction of its own, so a crash
 * between steps repeats nothing that finished. The job that ran a step goes on with the next one at
 * once (up to {@code steps-per-job} steps), without a round trip through the queue; the job stays
 * claimed meanwhile, so after a crash it runs again, finds its step done and goes on from there. A
 * step that fails is handed to a job of its connector's type, whose retries and back-off are that
 * connector's, counting the failed attempt. A step that is retried or repeated after a crash calls
 * its connector with the same idempotency key. A step whose connector refused the call for good, or
 * that failed its last attempt, fails its run into the dead letters; an operator resumes such a run
 * from that step.
 */
@Component
@EnableConfigurationProperties(RunProperties.class)
public class RunEngine {

    /** The connectors a definition can name (the schema's list): one job type each. */
    static final List<String> CONNECTORS = List.of("email", "slack", "whatsapp", "pdf", "http", "orders");

    private static final String TASK_PREFIX = "automation-step-";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** A run that a trigger started, or that an earlier trigger with the same idempotency key did. */
    public record Started(UUID runId, String status, boolean created) {}

    private final WorkflowStore workflows;
    private final WorkflowSecrets secrets;
    private final RunStore runs;
    private final Jobs jobs;
    private final Map<String, Connector> connectors;
    private final Map<String, JobType<StepJob>> stepTypes;
    private final RunLogs logs;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final int maxItems;
    private final int stepsPerJob;

    RunEngine(
            WorkflowStore workflows,
            WorkflowSecrets secrets,
            RunStore runs,
            Jobs jobs,
            List<Connector> connectors,
            RunLogs logs,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters,
            JsonMapper json,
            RunProperties properties) {
        this.workflows = workflows;
        this.secrets = secrets;
        this.runs = runs;
        this.jobs = jobs;
        this.connectors = connectors.stream().collect(Collectors.toMap(Connector::type, Function.identity()));
        this.stepTypes = CONNECTORS.stream().collect(Collectors.toMap(Function.identity(), connector -> {
            RunProperties.Retry retry = properties.retryOf(connector);
            return new JobType<>(
                    TASK_PREFIX + connector,
                    StepJob.class,
                    JobQueue.DEFAULT,
                    new RetryPolicy(retry.maxAttempts(), retry.firstDelay(), 2.0, retry.maxDelay()));
        }));
        this.logs = logs;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.json = json;
        this.maxItems = properties.maxItems();
        this.stepsPerJob = properties.stepsPerJob();
    }

    JobType<StepJob> stepType(String connector) {
        return stepTypes.get(connector);
    }

    /**
     * Starts a run of the workflow's current version, in the caller's transaction. With an
     * idempotency key, a repeat with the same payload answers the first run; with another payload it
     * is refused (409).
     */
    public Started start(
            Workflow workflow,
            String triggerType,
            JsonNode payload,
            @Nullable String idempotencyKey,
            byte @Nullable [] payloadSha256) {
        UUID id = Ids.newId(clock);
        if (!runs.insert(
                id,
                workflow.id(),
                workflow.version(),
                triggerType,
                json.writeValueAsString(payload),
                idempotencyKey,
                payloadSha256,
                clock.instant())) {
            RunStore.Earlier earlier =
                    runs.earlier(workflow.id(), idempotencyKey).orElseThrow();
            if (!earlier.sameBody(payloadSha256)) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "idempotency-key-reused",
                        "Idempotency key reused",
                        "This Idempotency-Key started run " + earlier.runId()
                                + " with another body; use a new key for a new request",
                        List.of());
            }
            return earlier.repeated();
        }
        WorkflowDefinition definition =
                workflows.version(workflow.id(), workflow.version()).definition();
        StepJob first = new StepJob(id, 0, 0);
        jobs.schedule(stepType(definition.steps().get(0).connector()), first.key(), first);
        meters.counter("automation.runs.started", "workflow", workflow.key(), "trigger", triggerType)
                .increment();
        return new Started(id, "queued", true);
    }

    /**
     * A step about to be called: its attempt recorded, what its templates read ({@code context}: the
     * trigger and the results of the steps before it), and what an earlier attempt of a list step
     * stored.
     */
    private record Prepared(
            Run run,
            WorkflowDefinition definition,
            int position,
            ObjectNode context,
            int attempt,
            @Nullable JsonNode earlier,
            int resumes) {

        WorkflowDefinition.Step step() {
            return definition.steps().get(position);
        }

        StepJob job() {
            return new StepJob(run.id(), position, resumes);
        }
    }

    /** The handler of every step job: its step, then the next ones at once while they succeed. */
    void execute(StepJob job) {
        Prepared next = step(job, stepsPerJob > 1);
        for (int steps = 2; next != null; steps++) {
            next = inline(next, steps < stepsPerJob);
        }
    }

    /**
     * A step run by the job of the step before it. Had it been a job of its own, a failure would have
     * been that job's first: it is handed to one, retried after its connector's first delay, or
     * dead-lettered when it was for good.
     */
    private @Nullable Prepared inline(Prepared next, boolean goOn) {
        try {
            return perform(next, goOn);
        } catch (RuntimeException e) {
            transactions.executeWithoutResult(status ->
                    jobs.retry(stepType(next.step().connector()), next.job().key(), next.job(), e));
            return null;
        }
    }

    /**
     * Runs the step of a job, reading its run as it is now.
     *
     * @param goOn whether the caller runs the next step itself (else it is scheduled)
     * @return the next step, prepared for the caller to call, or null
     */
    private @Nullable Prepared step(StepJob job, boolean goOn) {
        RunStore.WithSteps found = runs.findWithSteps(job.runId()).orElse(null);
        if (found == null || found.run().status().equals("succeeded")) {
            return null;
        }
        if (job.epoch() != found.resumes()) {
            // scheduled before the run's latest resume (a replayed dead letter, a second resume):
            // the resumed run's own job runs its steps, never two jobs at once
            return null;
        }
        Run run = found.run();
        WorkflowDefinition definition =
                workflows.version(run.workflowId(), run.version()).definition();
        List<Run.StepRun> done = found.steps();
        ObjectNode context = context(run, definition, done);
        int from = job.position();
        while (from < definition.steps().size() && finished(done, from)) {
            from++;
        }
        if (from > job.position()) {
            // a repeat of steps that finished (a replayed job, or the job that ran them before a
            // crash): go on after them, call none of them again
            int next = from;
            return transactions.execute(status -> advance(run, definition, context, next, goOn, done, job.epoch()));
        }
        Optional<Run.StepRun> earlier =
                done.stream().filter(s -> s.position() == job.position()).findFirst();
        WorkflowDefinition.Step step = definition.steps().get(job.position());
        if (skipped(step, context)) {
            return transactions.execute(status -> {
                runs.running(run.id());
                skip(run, step, job.position());
                return advance(run, definition, context, job.position() + 1, goOn, done, job.epoch());
            });
        }
        int attempt = transactions.execute(status -> {
            if (!run.status().equals("running")) {
                runs.running(run.id());
            }
            return runs.startStep(run.id(), job.position(), step.id(), step.connector(), clock.instant());
        });
        return perform(
                new Prepared(
                        run,
                        definition,
                        job.position(),
                        context,
                        attempt,
                        earlier.map(Run.StepRun::output).orElse(null),
                        job.epoch()),
                goOn);
    }

    /** Whether the step at {@code position} succeeded or was skipped (not running, not failed, not started). */
    private static boolean finished(List<Run.StepRun> done, int position) {
        return done.stream()
                .anyMatch(s -> s.position() == position
                        && !s.status().equals("running")
                        && !s.status().equals("failed"));
    }

    private static boolean skipped(WorkflowDefinition.Step step, ObjectNode context) {
        return step.forEach() == null && step.when() != null && !Conditions.holds(step.when(), context);
    }

    private void skip(Run run, WorkflowDefinition.Step step, int position) {
        runs.skipStep(run.id(), position, step.id(), step.connector(), clock.instant());
        log(
                run,
                step.id(),
                RunLogs.Level.INFO,
                "skipped",
                "Step " + step.id() + " skipped: its condition is false",
                Map.of());
    }

    /**
     * Calls the prepared step's connector and stores its result; when the caller goes on, the next
     * step is prepared in the same transaction.
     */
    private @Nullable Prepared perform(Prepared prepared, boolean goOn) {
        Run run = prepared.run();
        WorkflowDefinition.Step step = prepared.step();
        Connector connector = connectors.get(step.connector());
        if (connector == null) {
            throw new PermanentJobFailure(
                    "no connector " + step.connector(), new IllegalStateException(step.connector()));
        }
        ObjectNode context = prepared.context();
        Unlogged unlogged = Unlogged.of(prepared.definition(), context, connectors);
        Attempt current = new Attempt(run, prepared.job(), step, connector, prepared.attempt(), unlogged);
        StepResult result = step.forEach() == null
                ? call(current, context, step.id(), run.id() + ":" + step.id())
                : each(current, context, prepared.earlier());
        if (result == null) {
            return null;
        }
        // a provider's answer may hold what PostgreSQL does not store; failing to store it would call again
        JsonNode output = TextInput.storable(json.valueToTree(result.output()));
        String messageId = messageId(result);
        return transactions.execute(status -> {
            runs.succeedStep(run.id(), prepared.position(), output, messageId, clock.instant());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put(
                    "output",
                    unlogged.mask(Unlogged.withoutFields(
                            output, connector.unloggedOutputs().keySet())));
            if (messageId != null) {
                data.put("providerMessageId", messageId);
            }
            log(run, step.id(), RunLogs.Level.INFO, "succeeded", "Step " + step.id() + " succeeded", data);
            addResult(context, step.id(), output, messageId);
            return advance(
                    run, prepared.definition(), context, prepared.position() + 1, goOn, List.of(), prepared.resumes());
        });
    }

    private static @Nullable String messageId(StepResult result) {
        return result.providerMessageId() == null ? null : TextInput.storable(result.providerMessageId());
    }

    /** One attempt of a step: what its connector calls need to know, and what their log lines must not hold. */
    private record Attempt(
            Run run, StepJob job, WorkflowDefinition.Step step, Connector connector, int number, Unlogged unlogged) {}

    /**
     * Calls the connector with the step's input filled in from {@code context}.
     *
     * @return the result, or null when the target's circuit is open and the step was put off
     * @throws PermanentJobFailure when the connector refused for good; any other exception to be retried
     */
    private @Nullable StepResult call(Attempt attempt, ObjectNode context, String name, String idempotencyKey) {
        Run run = attempt.run();
        WorkflowDefinition.Step step = attempt.step();
        JsonNode input =
                Templates.render(step.input(), context, attempt.connector().urlInputs());
        StepCall call = new StepCall(
                run.id(),
                step.id(),
                idempotencyKey,
                json.convertValue(input, MAP),
                secrets.signingSecret(run.workflowId()),
                false);
        Timer.Sample sample = Timer.start(meters);
        try {
            StepResult result = attempt.connector().call(call);
            sample.stop(stepTimer(step.connector(), "succeeded"));
            return result;
        } catch (ConnectorUnavailableException e) {
            sample.stop(stepTimer(step.connector(), "waiting"));
            Instant at = clock.instant().plus(e.retryAfter());
            transactions.executeWithoutResult(status -> {
                runs.waiting(run.id(), attempt.job().position(), e.getMessage());
                log(
                        run,
                        step.id(),
                        RunLogs.Level.WARN,
                        "waiting",
                        attempt.unlogged().mask("Step " + name + " waits until " + at + ": " + e.getMessage()),
                        Map.of());
                jobs.schedule(stepType(step.connector()), attempt.job().key("w", at.toEpochMilli()), attempt.job(), at);
            });
            return null;
        } catch (RuntimeException e) {
            sample.stop(stepTimer(step.connector(), "failed"));
            Counter.builder("dukkan.connector.failures")
                    .description("failed connector calls of workflow steps (each attempt)")
                    .tag("connector", step.connector())
                    .register(meters)
                    .increment();
            boolean retryable = !(e instanceof ConnectorException failure) || failure.retryable();
            String message = e instanceof ConnectorException ? e.getMessage() : e.toString();
            transactions.executeWithoutResult(status -> {
                runs.stepError(run.id(), attempt.job().position(), message);
                log(
                        run,
                        step.id(),
                        RunLogs.Level.WARN,
                        "retrying",
                        attempt.unlogged()
                                .mask("Step " + name + " attempt " + attempt.number() + " failed"
                                        + (retryable ? "" : " for good") + ": " + message),
                        Map.of("input", attempt.unlogged().mask(withoutHeaderValues(input))));
            });
            if (!retryable) {
                throw new PermanentJobFailure(message, e);
            }
            throw e;
        }
    }

    /**
     * A step with {@code forEach}: the connector once per item (the condition asked of each), each
     * item's result stored as it comes, so that a retry or a resume goes on with the items not done.
     * Each item's call has its own idempotency key ({@code <run>:<step>:<index>}).
     *
     * @param earlier what an earlier attempt stored, or null
     * @return {@code {items, count}}, or null when the step was put off
     */
    private @Nullable StepResult each(Attempt attempt, ObjectNode context, @Nullable JsonNode earlier) {
        WorkflowDefinition.Step step = attempt.step();
        JsonNode list = Templates.lookup(context, step.forEach());
        if (!list.isArray()) {
            throw new PermanentJobFailure(
                    "forEach: " + step.forEach() + " is not a list", new IllegalArgumentException(step.forEach()));
        }
        if (list.size() > maxItems) {
            throw new PermanentJobFailure(
                    "forEach: " + list.size() + " items, at most " + maxItems, new IllegalArgumentException());
        }
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        JsonNode stored = earlier == null ? null : earlier.get("items");
        for (int i = 0; i < list.size(); i++) {
            results.add(stored != null && stored.has(i) ? stored.get(i) : JsonNodeFactory.instance.nullNode());
        }
        for (int i = 0; i < list.size(); i++) {
            if (!results.get(i).isNull()) {
                continue;
            }
            context.set("item", list.get(i));
            JsonNode outcome;
            if (step.when() != null && !Conditions.holds(step.when(), context)) {
                outcome = JsonNodeFactory.instance.objectNode().put("skipped", true);
            } else {
                StepResult result = call(
                        attempt,
                        context,
                        step.id() + "[" + i + "]",
                        attempt.run().id() + ":" + step.id() + ":" + i);
                if (result == null) {
                    return null;
                }
                ObjectNode done = JsonNodeFactory.instance.objectNode();
                done.set("output", TextInput.storable(json.valueToTree(result.output())));
                done.put("providerMessageId", messageId(result));
                outcome = done;
            }
            results.set(i, outcome);
            runs.stepProgress(attempt.run().id(), attempt.job().position(), progress(results, list.size()));
        }
        context.remove("item");
        return new StepResult(json.convertValue(progress(results, list.size()), MAP), null);
    }

    private static ObjectNode progress(ArrayNode results, int count) {
        ObjectNode progress = JsonNodeFactory.instance.objectNode();
        progress.set("items", results);
        progress.put("count", count);
        return progress;
    }

    /**
     * Finishes the run after its last step. Else, when the caller goes on, skips the steps whose
     * condition is false and records the attempt of the next one, for the caller to call at once;
     * otherwise schedules the next step. Runs in the transaction of the step before; when the job
     * has no step left to call, that transaction also completes it.
     *
     * @param stored the run's steps as the job read them: a step that was under way when its job
     *     died goes on from the items it stored, rather than calling them all again
     */
    private @Nullable Prepared advance(
            Run run,
            WorkflowDefinition definition,
            ObjectNode context,
            int next,
            boolean goOn,
            List<Run.StepRun> stored,
            int resumes) {
        int position = next;
        while (goOn
                && position < definition.steps().size()
                && skipped(definition.steps().get(position), context)) {
            skip(run, definition.steps().get(position), position);
            position++;
        }
        if (position >= definition.steps().size()) {
            runs.succeed(run.id(), clock.instant());
            log(run, null, RunLogs.Level.INFO, "succeeded", "Run succeeded", Map.of());
            finished(run, "succeeded");
            jobs.completeRunningJob();
            return null;
        }
        WorkflowDefinition.Step step = definition.steps().get(position);
        if (goOn) {
            int attempt = runs.startStep(run.id(), position, step.id(), step.connector(), clock.instant());
            int at = position;
            JsonNode earlier = stored.stream()
                    .filter(s -> s.position() == at)
                    .findFirst()
                    .map(Run.StepRun::output)
                    .orElse(null);
            return new Prepared(run, definition, position, context, attempt, earlier, resumes);
        }
        StepJob job = new StepJob(run.id(), position, resumes);
        // due since the run was created: a run under way goes before runs that have not started,
        // so that runs finish at the pace they start rather than all at the end of a backlog
        jobs.schedule(stepType(step.connector()), job.key(), job, run.createdAt());
        jobs.completeRunningJob();
        return null;
    }

    /** A step job failed for good: its run fails at that step, in the transaction that dead-letters the job. */
    @EventListener
    void on(JobDeadLettered deadLettered) {
        if (!deadLettered.task().startsWith(TASK_PREFIX)) {
            return;
        }
        StepJob job = json.readValue(deadLettered.payload(), StepJob.class);
        runs.find(job.runId()).ifPresent(run -> {
            WorkflowDefinition definition =
                    workflows.version(run.workflowId(), run.version()).definition();
            String step = definition.steps().get(job.position()).id();
            runs.fail(run.id(), job.position(), step, deadLettered.error(), clock.instant());
            Unlogged unlogged = Unlogged.of(definition, context(run, definition, runs.steps(run.id())), connectors);
            log(
                    run,
                    step,
                    RunLogs.Level.ERROR,
                    "failed",
                    "Run failed at step " + step + "; resume it once the cause is fixed",
                    Map.of("error", unlogged.mask(deadLettered.error())));
            finished(run, "failed");
        });
    }

    /**
     * Resumes a failed run from its failed step; the steps before it are not repeated.
     *
     * @return false when the run has not failed
     */
    public boolean resume(UUID runId) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Run run = runs.find(runId).orElse(null);
            if (run == null || !run.status().equals("failed")) {
                return false;
            }
            WorkflowDefinition definition =
                    workflows.version(run.workflowId(), run.version()).definition();
            int position = runs.steps(runId).stream()
                    .filter(s -> s.status().equals("failed"))
                    .mapToInt(Run.StepRun::position)
                    .findFirst()
                    .orElse(0);
            Optional<Integer> resumes = runs.resume(runId);
            if (resumes.isEmpty()) {
                return false; // resumed by another request meanwhile
            }
            StepJob job = new StepJob(runId, position, resumes.get());
            jobs.schedule(stepType(definition.steps().get(position).connector()), job.key("r", clock.millis()), job);
            log(
                    run,
                    definition.steps().get(position).id(),
                    RunLogs.Level.INFO,
                    "resumed",
                    "Run resumed from step " + definition.steps().get(position).id(),
                    Map.of());
            return true;
        }));
    }

    /**
     * A step's input as its log line keeps it: header values hidden, since they are where an http
     * step's target takes its token (which the redaction of personal data does not recognise).
     */
    private static JsonNode withoutHeaderValues(JsonNode input) {
        if (!(input.get("headers") instanceof ObjectNode headers)) {
            return input;
        }
        ObjectNode copy = ((ObjectNode) input).deepCopy();
        ObjectNode hidden = copy.putObject("headers");
        headers.propertyNames().forEach(name -> hidden.put(name, "[hidden]"));
        return copy;
    }

    /** What templates and conditions read: the trigger's payload, earlier steps' results, the run. */
    private ObjectNode context(Run run, WorkflowDefinition definition, List<Run.StepRun> done) {
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.set("trigger", run.payload());
        context.putObject("steps");
        for (Run.StepRun step : done) {
            if (step.status().equals("succeeded")) {
                addResult(context, step.step(), step.output(), step.providerMessageId());
            }
        }
        context.putObject("run").put("id", run.id().toString());
        context.putObject("workflow").put("key", run.workflowKey()).put("version", run.version());
        return context;
    }

    /** A step's result, as the templates of the steps after it read it ({@code steps.<id>.output}). */
    private static void addResult(
            ObjectNode context, String step, @Nullable JsonNode output, @Nullable String providerMessageId) {
        ObjectNode result = ((ObjectNode) context.get("steps")).putObject(step);
        result.set("output", output);
        result.put("providerMessageId", providerMessageId);
    }

    /** Counts the finished run and times it from its trigger to its end, per workflow. */
    private void finished(Run run, String status) {
        Timer.builder("automation.run.duration")
                .description("from a run's trigger to its end")
                .tag("workflow", run.workflowKey())
                .tag("status", status)
                .register(meters)
                .record(Duration.between(run.createdAt(), clock.instant()));
        meters.counter("automation.runs.finished", "workflow", run.workflowKey(), "status", status)
                .increment();
    }

    private Timer stepTimer(String connector, String outcome) {
        return Timer.builder("automation.step")
                .description("connector calls of workflow steps")
                .tag("connector", connector)
                .tag("outcome", outcome)
                .register(meters);
    }

    private void log(
            Run run,
            @Nullable String step,
            RunLogs.Level level,
            String status,
            String message,
            Map<String, Object> data) {
        logs.write(new RunLogs.Line(run.workflowId(), run.id(), step, level, status, message, data));
    }
}

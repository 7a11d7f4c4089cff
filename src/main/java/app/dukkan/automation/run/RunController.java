package app.dukkan.automation.run;

import app.dukkan.automation.workflow.Workflow;
import app.dukkan.automation.workflow.WorkflowInputs;
import app.dukkan.automation.workflow.WorkflowService;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Automation: runs")
class RunController {

    record RunPage(List<Run> items, @Nullable String next) {}

    record RunDetail(Run run, List<Run.StepRun> steps) {}

    record TestRun(List<DryRun.StepOutcome> steps) {}

    private static final java.util.Set<String> STATUSES = java.util.Set.of("queued", "running", "succeeded", "failed");

    private final RunStore runs;
    private final RunEngine engine;
    private final DryRun dryRun;
    private final WorkflowService workflows;
    private final WorkflowInputs inputs;
    private final TransactionTemplate transactions;
    private final AuditLog audit;

    RunController(
            RunStore runs,
            RunEngine engine,
            DryRun dryRun,
            WorkflowService workflows,
            WorkflowInputs inputs,
            TransactionTemplate transactions,
            AuditLog audit) {
        this.runs = runs;
        this.engine = engine;
        this.dryRun = dryRun;
        this.workflows = workflows;
        this.inputs = inputs;
        this.transactions = transactions;
        this.audit = audit;
    }

    @GetMapping("/api/v1/runs")
    @Operation(
            summary = "Runs",
            description = "Newest first, optionally of one workflow (`workflow`, its key) and in one status (queued,"
                    + " running, succeeded, failed). Pages of `limit` (1-200, default 50); pass `next` as `cursor`.")
    RunPage list(
            @RequestParam(required = false) @Nullable String workflow,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 200) {
            throw ProblemException.invalid("limit", "must be between 1 and 200");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "one of queued, running, succeeded, failed");
        }
        UUID workflowId = workflow == null ? null : workflows.require(workflow).id();
        UUID before = cursor == null ? null : uuid("cursor", cursor);
        List<Run> page = runs.page(workflowId, status, before, limit + 1);
        String next = page.size() > limit ? page.get(limit - 1).id().toString() : null;
        return new RunPage(page.subList(0, Math.min(limit, page.size())), next);
    }

    @GetMapping("/api/v1/runs/{id}")
    @Operation(summary = "A run", description = "With each step that started: status, attempts, output, error.")
    RunDetail get(@PathVariable String id) {
        UUID runId = uuid("id", id);
        Run run = runs.find(runId).orElseThrow(() -> ProblemException.notFound("run", id));
        return new RunDetail(run, runs.steps(runId));
    }

    @PostMapping("/api/v1/runs/{id}/resume")
    @Operation(
            summary = "Resume a failed run",
            description = "Runs the failed step again and goes on from there; the steps before it are not repeated."
                    + " 409 when the run has not failed.")
    ResponseEntity<RunDetail> resume(@PathVariable String id) {
        UUID runId = uuid("id", id);
        Run run = runs.find(runId).orElseThrow(() -> ProblemException.notFound("run", id));
        if (!engine.resume(runId)) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "run-not-failed",
                    "Run has not failed",
                    "Only a failed run can be resumed; this one is " + run.status(),
                    List.of());
        }
        audit.record("automation.run-resumed", "run", id, null, Map.of("workflow", run.workflowKey()));
        return ResponseEntity.accepted().body(new RunDetail(runs.find(runId).orElseThrow(), runs.steps(runId)));
    }

    @PostMapping("/api/v1/workflows/{key}/runs")
    @Operation(
            summary = "Start a run by hand",
            description = "Starts the workflow (enabled or not, whatever its trigger) with the body as its payload,"
                    + " checked against its input schema. 202 with the run.")
    ResponseEntity<RunDetail> start(@PathVariable String key, @RequestBody JsonNode payload) {
        Workflow workflow = workflows.require(key);
        inputs.check(workflow, payload);
        RunEngine.Started started = transactions.execute(status -> {
            RunEngine.Started run = engine.start(workflow, "manual", payload, null, null);
            audit.record(
                    "automation.run-started",
                    "workflow",
                    key,
                    null,
                    Map.of("run", run.runId().toString()));
            return run;
        });
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/runs/" + started.runId()))
                .body(new RunDetail(runs.find(started.runId()).orElseThrow(), List.of()));
    }

    @PostMapping("/api/v1/workflows/{key}/test")
    @Operation(
            summary = "Test a workflow",
            description = "Runs the current version on the body as a sample payload without side effects: each"
                    + " step's condition, filled-in input and what its connector would do. Nothing is sent or stored.")
    TestRun test(@PathVariable String key, @RequestBody JsonNode payload) {
        Workflow workflow = workflows.require(key);
        inputs.check(workflow, payload);
        return new TestRun(dryRun.run(workflow, payload));
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a run id (UUID)");
        }
    }
}

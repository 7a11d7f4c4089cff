package app.dukkan.automation.run;

import app.dukkan.automation.Run;
import app.dukkan.automation.WorkflowRuns;
import app.dukkan.automation.Workflows;
import app.dukkan.automation.workflow.WorkflowService;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
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

    /** The workflow versions whose runs keep customers' data, as the API's descriptions name them. */
    static final String CUSTOMER_DATA = "workflow versions that hand customers' data to their steps (started by"
            + " an event that carries customers' emails, order.* or user.registered, or with an `orders` step)";

    record RunDetail(Run run, List<Run.StepRun> steps) {}

    record TestRun(List<Workflows.TestStep> steps) {}

    private final WorkflowRuns runs;
    private final Workflows workflows;
    private final CurrentUser currentUser;

    RunController(WorkflowRuns runs, Workflows workflows, CurrentUser currentUser) {
        this.runs = runs;
        this.workflows = workflows;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/runs")
    @Operation(
            summary = "Runs",
            description = "Newest first, optionally of one workflow (`workflow`, its key) and in one status (queued,"
                    + " running, succeeded, failed). Pages of `limit` (1-200, default 50); pass `next` as `cursor`."
                    + " Without the runs of " + CUSTOMER_DATA + " for an API key without `orders:read` (or `admin`).")
    WorkflowRuns.Page list(
            @RequestParam(required = false) @Nullable String workflow,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        return runs.page(workflow, status, cursor, limit);
    }

    @GetMapping("/api/v1/runs/{id}")
    @Operation(
            summary = "A run",
            description = "With each step that started: status, attempts, output, error. A run of one of the "
                    + CUSTOMER_DATA + " needs `orders:read` (or `admin`) besides `workflows:write`: else 403"
                    + " `insufficient-scope` with `required_scope`.")
    RunDetail get(@PathVariable String id) {
        UUID runId = StoredRuns.uuid("id", id);
        Run run = runs.find(runId).orElseThrow(() -> ProblemException.notFound("run", id));
        return new RunDetail(run, runs.steps(runId));
    }

    @PostMapping("/api/v1/runs/{id}/resume")
    @Operation(
            summary = "Resume a failed run",
            description = "Runs the failed step again and goes on from there; the steps before it are not repeated."
                    + " 409 when the run has not failed; 403 as for reading it.")
    ResponseEntity<RunDetail> resume(@PathVariable String id) {
        UUID runId = StoredRuns.uuid("id", id);
        Run run = runs.resume(runId);
        return ResponseEntity.accepted().body(new RunDetail(run, runs.steps(runId)));
    }

    @PostMapping("/api/v1/workflows/{key}/runs")
    @Operation(
            summary = "Start a run by hand",
            description = "Starts the workflow (enabled or not, whatever its trigger) with the body as its payload,"
                    + " checked against its input schema. 202 with the run. " + WorkflowService.REACH)
    ResponseEntity<RunDetail> start(@PathVariable String key, @RequestBody JsonNode payload) {
        Run run = workflows.start(
                key, payload, currentUser.get().map(user -> user.id().value()).orElse(null));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/runs/" + run.id()))
                .body(new RunDetail(run, List.of()));
    }

    @PostMapping("/api/v1/workflows/{key}/test")
    @Operation(
            summary = "Test a workflow",
            description = "Runs the current version on the body as a sample payload without side effects: each"
                    + " step's condition, filled-in input and what its connector would do. Nothing is sent or stored;"
                    + " an `orders` step reads the orders it would hand on. " + WorkflowService.REACH)
    TestRun test(@PathVariable String key, @RequestBody JsonNode payload) {
        return new TestRun(workflows.test(key, payload));
    }
}

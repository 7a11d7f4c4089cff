package app.dukkan.automation.run;

import app.dukkan.automation.Run;
import app.dukkan.automation.WorkflowRuns;
import app.dukkan.automation.workflow.WorkflowService;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

@Service
class StoredRuns implements WorkflowRuns {

    private static final Set<String> STATUSES = Set.of("queued", "running", "succeeded", "failed");

    private final RunStore runs;
    private final RunEngine engine;
    private final WorkflowService workflows;
    private final AuditLog audit;

    StoredRuns(RunStore runs, RunEngine engine, WorkflowService workflows, AuditLog audit) {
        this.runs = runs;
        this.engine = engine;
        this.workflows = workflows;
        this.audit = audit;
    }

    @Override
    public Page page(@Nullable String workflowKey, @Nullable String status, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > 200) {
            throw ProblemException.invalid("limit", "must be between 1 and 200");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "one of queued, running, succeeded, failed");
        }
        UUID workflowId =
                workflowKey == null ? null : workflows.require(workflowKey).id();
        UUID before = cursor == null ? null : uuid("cursor", cursor);
        List<Run> page = runs.page(workflowId, status, before, limit + 1);
        String next = page.size() > limit ? page.get(limit - 1).id().toString() : null;
        return new Page(page.subList(0, Math.min(limit, page.size())), next);
    }

    @Override
    public Optional<Run> find(UUID id) {
        return runs.find(id);
    }

    @Override
    public List<Run.StepRun> steps(UUID runId) {
        return runs.steps(runId);
    }

    @Override
    public Run resume(UUID runId) {
        Run run = runs.find(runId).orElseThrow(() -> ProblemException.notFound("run", runId));
        if (!engine.resume(runId)) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "run-not-failed",
                    "Run has not failed",
                    "Only a failed run can be resumed; this one is " + run.status(),
                    List.of());
        }
        audit.record("automation.run-resumed", "run", runId.toString(), null, Map.of("workflow", run.workflowKey()));
        return runs.find(runId).orElseThrow();
    }

    static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a run id (UUID)");
        }
    }
}

package app.dukkan.automation.run;

import app.dukkan.automation.Run;
import app.dukkan.automation.WorkflowRuns;
import app.dukkan.automation.workflow.CustomerData;
import app.dukkan.automation.workflow.WorkflowService;
import app.dukkan.automation.workflow.WorkflowStore;
import app.dukkan.identity.CurrentUser;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs as the API and the console read them. The runs of a workflow version that hands customers'
 * data to its steps are not for an API key without {@code orders:read} ({@link CustomerData}): pages
 * leave them out, asking for one is refused.
 */
@Service
class StoredRuns implements WorkflowRuns {

    private static final Set<String> STATUSES = Set.of("queued", "running", "succeeded", "failed");

    private final RunStore runs;
    private final RunEngine engine;
    private final WorkflowService workflows;
    private final WorkflowStore versions;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    StoredRuns(
            RunStore runs,
            RunEngine engine,
            WorkflowService workflows,
            WorkflowStore versions,
            CurrentUser currentUser,
            AuditLog audit,
            TransactionTemplate transactions) {
        this.runs = runs;
        this.engine = engine;
        this.workflows = workflows;
        this.versions = versions;
        this.currentUser = currentUser;
        this.audit = audit;
        this.transactions = transactions;
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
        List<Run> page = runs.page(workflowId, status, before, CustomerData.hiddenFrom(currentUser), limit + 1);
        String next = page.size() > limit ? page.get(limit - 1).id().toString() : null;
        return new Page(page.subList(0, Math.min(limit, page.size())), next);
    }

    @Override
    public Optional<Run> find(UUID id) {
        return runs.find(id).map(this::readable);
    }

    @Override
    public List<Run.StepRun> steps(UUID runId) {
        return runs.steps(runId);
    }

    /** The resume and its audit entry are one transaction: kept or lost together. */
    @Override
    public Run resume(UUID runId) {
        Run run = find(runId).orElseThrow(() -> ProblemException.notFound("run", runId));
        transactions.executeWithoutResult(status -> {
            if (!engine.resume(runId)) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "run-not-failed",
                        "Run has not failed",
                        "Only a failed run can be resumed; this one is " + run.status(),
                        List.of());
            }
            audit.record(
                    "automation.run-resumed", "run", runId.toString(), null, Map.of("workflow", run.workflowKey()));
        });
        return runs.find(runId).orElseThrow();
    }

    private Run readable(Run run) {
        CustomerData.check(
                currentUser, versions.version(run.workflowId(), run.version()).definition(), "A run of a workflow");
        return run;
    }

    static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a run id (UUID)");
        }
    }
}

package app.dukkan.automation.run;

import app.dukkan.automation.Run;
import app.dukkan.automation.Workflow;
import app.dukkan.automation.Workflows;
import app.dukkan.automation.workflow.JsonSchemas;
import app.dukkan.automation.workflow.WorkflowInputs;
import app.dukkan.automation.workflow.WorkflowService;
import app.dukkan.automation.workflow.WorkflowStore;
import app.dukkan.platform.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@Service
class StoredWorkflows implements Workflows {

    private final WorkflowService workflows;
    private final WorkflowStore store;
    private final WorkflowInputs inputs;
    private final JsonSchemas schemas;
    private final DryRun dryRun;
    private final RunEngine engine;
    private final RunStore runs;
    private final TransactionTemplate transactions;
    private final AuditLog audit;

    StoredWorkflows(
            WorkflowService workflows,
            WorkflowStore store,
            WorkflowInputs inputs,
            JsonSchemas schemas,
            DryRun dryRun,
            RunEngine engine,
            RunStore runs,
            TransactionTemplate transactions,
            AuditLog audit) {
        this.workflows = workflows;
        this.store = store;
        this.inputs = inputs;
        this.schemas = schemas;
        this.dryRun = dryRun;
        this.engine = engine;
        this.runs = runs;
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public List<Workflow> page(int page, int size) {
        return store.page(page, size);
    }

    @Override
    public long count() {
        return store.count();
    }

    @Override
    public Optional<Workflow> find(String key) {
        return store.find(key);
    }

    @Override
    public JsonNode definition(Workflow workflow) {
        return definition(workflow.id(), workflow.version());
    }

    @Override
    public JsonNode definition(UUID workflowId, int version) {
        return store.version(workflowId, version).json();
    }

    @Override
    public VersionPage versions(Workflow workflow, @Nullable String cursor, int limit) {
        return workflows.versions(workflow, cursor, limit);
    }

    @Override
    public JsonNode schema() {
        return schemas.workflowSchema();
    }

    @Override
    public Created create(String key, JsonNode definition, @Nullable UUID actor) {
        WorkflowService.Created created = workflows.create(key, definition, actor);
        return new Created(created.workflow(), created.signingSecret());
    }

    @Override
    public Workflow update(String key, JsonNode definition, @Nullable UUID actor) {
        return workflows.update(key, definition, actor);
    }

    @Override
    public Workflow setEnabled(String key, boolean enabled, @Nullable String reason) {
        return workflows.setEnabled(key, enabled, reason);
    }

    @Override
    public String renewSecret(String key) {
        return workflows.renewSecret(key);
    }

    @Override
    public List<TestStep> test(String key, JsonNode payload) {
        Workflow workflow = workflows.require(key);
        workflows.checkReach(workflow);
        inputs.check(workflow, payload);
        return dryRun.run(workflow, payload);
    }

    @Override
    public Run start(String key, JsonNode payload, @Nullable UUID actor) {
        Workflow workflow = workflows.require(key);
        workflows.checkReach(workflow);
        inputs.check(workflow, payload);
        UUID runId = transactions.execute(status -> {
            RunEngine.Started started = engine.start(workflow, "manual", payload, null, null);
            audit.record(
                    "automation.run-started",
                    "workflow",
                    key,
                    null,
                    Map.of("run", started.runId().toString()));
            return started.runId();
        });
        return runs.find(runId).orElseThrow();
    }
}

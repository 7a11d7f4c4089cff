package app.dukkan.automation.workflow;

import app.dukkan.automation.Workflow;
import app.dukkan.automation.Workflows;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Automation: workflows")
class WorkflowController {

    /** A workflow with its current definition. */
    record WorkflowView(
            String key,
            String name,
            boolean enabled,
            int version,
            String trigger,
            @Nullable String event,
            Instant createdAt,
            Instant updatedAt,
            JsonNode definition) {}

    record CreateRequest(@Nullable String key, @Nullable JsonNode definition) {}

    record Created(WorkflowView workflow, String signingSecret) {}

    record WorkflowPage(List<WorkflowView> items, int page, int size, long total) {}

    record Secret(String signingSecret) {}

    record EnableRequest(
            @Nullable @Schema(maxLength = WorkflowService.MAX_REASON)
            String reason) {}

    private static final String REACH = WorkflowService.REACH;

    private final WorkflowService workflows;
    private final WorkflowStore store;
    private final JsonSchemas schemas;
    private final CurrentUser currentUser;

    WorkflowController(WorkflowService workflows, WorkflowStore store, JsonSchemas schemas, CurrentUser currentUser) {
        this.workflows = workflows;
        this.store = store;
        this.schemas = schemas;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/workflows/schema")
    @Operation(
            summary = "The workflow JSON Schema",
            description = "The JSON Schema (draft 2020-12) that definitions are checked against; also published at"
                    + " /schemas/workflow.schema.json.")
    JsonNode schema() {
        return schemas.workflowSchema();
    }

    @PostMapping("/api/v1/workflows")
    @Operation(
            summary = "Create a workflow",
            description = "Saves version 1 of a workflow, disabled. The definition is checked against the schema and"
                    + " for meaning (cron and zone parse, connectors exist and take those inputs, templates name"
                    + " fields the run will have); a 422 lists each fault with its path. The answer holds the"
                    + " workflow's webhook signing secret, shown this once. " + REACH)
    ResponseEntity<Created> create(@RequestBody CreateRequest request) {
        if (request.key() == null) {
            throw ProblemException.invalid("key", "is required");
        }
        if (request.definition() == null || !request.definition().isObject()) {
            throw ProblemException.invalid("definition", "is required: a JSON object");
        }
        WorkflowService.Created created = workflows.create(request.key(), request.definition(), actor());
        return ResponseEntity.created(URI.create("/api/v1/workflows/" + request.key()))
                .body(new Created(view(created.workflow()), created.signingSecret()));
    }

    @GetMapping("/api/v1/workflows")
    @Operation(summary = "Workflows", description = "By key, `size` (1-100) at a time.")
    WorkflowPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > 100) {
            throw ProblemException.invalid("size", "must be between 1 and 100");
        }
        return new WorkflowPage(store.page(page, size).stream().map(this::view).toList(), page, size, store.count());
    }

    @GetMapping("/api/v1/workflows/{key}")
    @Operation(summary = "A workflow", description = "With its current definition.")
    WorkflowView get(@PathVariable String key) {
        return view(workflows.require(key));
    }

    @PutMapping("/api/v1/workflows/{key}")
    @Operation(
            summary = "Save a new version",
            description = "The body is the definition. Checked like a new workflow; on success it becomes the current"
                    + " version (earlier versions are kept, and runs keep the version they started with). " + REACH)
    WorkflowView update(@PathVariable String key, @RequestBody JsonNode definition) {
        if (!definition.isObject()) {
            throw ProblemException.invalid("definition", "must be a JSON object");
        }
        return view(workflows.update(key, definition, actor()));
    }

    @PostMapping("/api/v1/workflows/validate")
    @Operation(
            summary = "Check a definition",
            description = "The checks of saving, without saving: 204 when the definition could be saved, else 422.")
    ResponseEntity<Void> validate(@RequestBody JsonNode definition) {
        workflows.validate(definition);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/workflows/{key}/versions")
    @Operation(
            summary = "A workflow's versions",
            description = "Newest first, in pages of `limit` (1-100, default 20); pass `next` as `cursor` for the"
                    + " following page (400 for anything else).")
    Workflows.VersionPage versions(
            @PathVariable String key,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") int limit) {
        return workflows.versions(workflows.require(key), cursor, limit);
    }

    @PostMapping("/api/v1/workflows/{key}/enable")
    @Operation(
            summary = "Enable",
            description = "It starts on its trigger from now on; a schedule is planned. " + REACH)
    WorkflowView enable(@PathVariable String key, @RequestBody(required = false) @Nullable EnableRequest request) {
        return view(workflows.setEnabled(key, true, request == null ? null : request.reason()));
    }

    @PostMapping("/api/v1/workflows/{key}/disable")
    @Operation(summary = "Disable", description = "Nothing new starts; runs under way finish.")
    WorkflowView disable(@PathVariable String key, @RequestBody(required = false) @Nullable EnableRequest request) {
        return view(workflows.setEnabled(key, false, request == null ? null : request.reason()));
    }

    @PostMapping("/api/v1/workflows/{key}/signing-secret")
    @Operation(
            summary = "Renew the signing secret",
            description = "Outgoing webhooks are signed with the new secret from now on; it is shown this once.")
    Secret renewSecret(@PathVariable String key) {
        return new Secret(workflows.renewSecret(key));
    }

    private WorkflowView view(Workflow workflow) {
        return new WorkflowView(
                workflow.key(),
                workflow.name(),
                workflow.enabled(),
                workflow.version(),
                workflow.triggerType(),
                workflow.triggerEvent(),
                workflow.createdAt(),
                workflow.updatedAt(),
                store.version(workflow.id(), workflow.version()).json());
    }

    private @Nullable UUID actor() {
        return currentUser.get().map(user -> user.id().value()).orElse(null);
    }
}

package app.dukkan.automation.workflow;

import app.dukkan.automation.Workflow;
import app.dukkan.automation.Workflows;
import app.dukkan.identity.ApiScope;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ClusterNotifications;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Saves workflows (checked, as new versions), enables and disables them, renews their signing secrets. */
@Service
public class WorkflowService {

    /**
     * What an API key needs beyond workflows:write to save, enable, test or start a workflow, as the
     * API's descriptions say it.
     */
    public static final String REACH = "With an API key, 403 `insufficient-scope` naming `required_scope` unless it"
            + " has `orders:read` (or `admin`) for a workflow started by an event that carries customers' emails"
            + " (order.paid, order.fulfilled, order.refunded, order.cancelled, user.registered) or with an `orders`"
            + " step, and `admin` for an http step that sends a stored credential.";

    /** What the audit log keeps of a reason. */
    static final int MAX_REASON = 1_000;

    /** A workflow just made, with its signing secret shown this once. */
    public record Created(Workflow workflow, String signingSecret) {}

    private final WorkflowCheck check;
    private final WorkflowStore store;
    private final WorkflowSecrets secrets;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ClusterNotifications cluster;
    private final CurrentUser currentUser;
    private final Clock clock;

    WorkflowService(
            WorkflowCheck check,
            WorkflowStore store,
            WorkflowSecrets secrets,
            AuditLog audit,
            ApplicationEventPublisher events,
            ClusterNotifications cluster,
            CurrentUser currentUser,
            Clock clock) {
        this.currentUser = currentUser;
        this.check = check;
        this.store = store;
        this.secrets = secrets;
        this.audit = audit;
        this.events = events;
        this.cluster = cluster;
        this.clock = clock;
    }

    /** Creates a disabled workflow from a checked definition. */
    @Transactional
    public Created create(String key, JsonNode definition, @Nullable UUID actor) {
        if (!key.matches("[a-z0-9][a-z0-9-]{1,62}") || key.equals("schema") || key.equals("validate")) {
            throw ProblemException.invalid(
                    "key",
                    "2 to 63 lower-case letters, digits and dashes, starting with a letter or digit; not 'schema' or 'validate'");
        }
        WorkflowDefinition checked = check.check(definition);
        checkReach(checked);
        UUID id = Ids.newId(clock);
        String secret = WorkflowSecrets.generate();
        Instant now = clock.instant();
        try {
            store.create(id, key, checked, definition, secrets.seal(id, secret), actor, now);
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("key", "a workflow with the key '" + key + "' exists");
        }
        audit.record("automation.workflow-created", "workflow", key, null, Map.of("version", 1));
        changed(id);
        return new Created(require(key), secret);
    }

    /** Saves a checked definition as the workflow's new current version. */
    @Transactional
    public Workflow update(String key, JsonNode definition, @Nullable UUID actor) {
        Workflow workflow = require(key);
        WorkflowDefinition checked = check.check(definition);
        checkReach(checked);
        int version = store.update(workflow.id(), checked, definition, actor, clock.instant());
        audit.record("automation.workflow-updated", "workflow", key, null, Map.of("version", version));
        changed(workflow.id());
        return require(key);
    }

    /**
     * A key that may write workflows may not reach further through one than its scopes allow, when
     * it saves one, enables, tests or starts one an administrator saved: an {@code http} step sends a
     * stored credential wherever its URL says (credentials are the admin's), and the {@code orders}
     * connector and some store events hand customers' data to the steps ({@link CustomerData}).
     */
    private void checkReach(WorkflowDefinition checked) {
        CustomerData.check(currentUser, checked, "A workflow");
        for (WorkflowDefinition.Step step : checked.steps()) {
            if (step.connector().equals("http") && step.input().has("credential")) {
                ScopeRequired.check(
                        currentUser, ApiScope.ADMIN, "A workflow whose http step sends a stored credential");
            }
        }
    }

    /**
     * The check of {@link #checkReach} for the workflow's current version, before it is tested or
     * started by hand.
     *
     * @throws ScopeRequired when the caller's key lacks a scope the workflow reaches
     */
    public void checkReach(Workflow workflow) {
        checkReach(store.version(workflow.id(), workflow.version()).definition());
    }

    /**
     * A page of the workflow's versions, newest first.
     *
     * @param cursor the {@code next} of the previous page (a version number), or null for the first
     * @throws ProblemException 400 for a limit outside 1 to {@value Workflows#MAX_VERSIONS_LIMIT} or a
     *     cursor that is no version number
     */
    public Workflows.VersionPage versions(Workflow workflow, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > Workflows.MAX_VERSIONS_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + Workflows.MAX_VERSIONS_LIMIT);
        }
        Integer before = null;
        if (cursor != null) {
            try {
                before = Integer.valueOf(cursor);
            } catch (NumberFormatException e) {
                before = 0;
            }
            if (before < 1) {
                throw ProblemException.invalid("cursor", "must be the next of the previous page");
            }
        }
        List<WorkflowStore.Version> found = store.versions(workflow.id(), before, limit + 1);
        List<Workflows.Version> items = found.subList(0, Math.min(limit, found.size())).stream()
                .map(v -> new Workflows.Version(v.version(), v.createdAt(), v.createdBy(), v.json()))
                .toList();
        String next =
                found.size() > limit ? Integer.toString(items.get(limit - 1).version()) : null;
        return new Workflows.VersionPage(items, next);
    }

    /** Checks a definition without saving it: the 422 problem it would get, or nothing. */
    public WorkflowDefinition validate(JsonNode definition) {
        return check.check(definition);
    }

    @Transactional
    public Workflow setEnabled(String key, boolean enabled, @Nullable String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            throw ProblemException.invalid("reason", "must be at most " + MAX_REASON + " characters");
        }
        Workflow workflow = require(key);
        if (enabled) {
            checkReach(workflow);
        }
        if (store.setEnabled(workflow.id(), enabled, clock.instant())) {
            audit.record(
                    enabled ? "automation.workflow-enabled" : "automation.workflow-disabled",
                    "workflow",
                    key,
                    reason,
                    Map.of("version", workflow.version()));
            changed(workflow.id());
        }
        return require(key);
    }

    /** Replaces the signing secret; the new one is shown this once. */
    @Transactional
    public String renewSecret(String key) {
        Workflow workflow = require(key);
        String secret = WorkflowSecrets.generate();
        store.replaceSecret(workflow.id(), secrets.seal(workflow.id(), secret), clock.instant());
        audit.record("automation.workflow-secret-renewed", "workflow", key, null, Map.of());
        changed(workflow.id());
        return secret;
    }

    /** Tells this transaction's listeners, and after the commit every instance's caches, of the change. */
    private void changed(UUID id) {
        events.publishEvent(new WorkflowChanged(id));
        cluster.publish(WorkflowStore.CHANNEL, id.toString());
    }

    public Workflow require(String key) {
        return store.find(key)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "workflow-not-found",
                        "No such workflow",
                        "No workflow has the key '" + key + "'",
                        List.of()));
    }
}

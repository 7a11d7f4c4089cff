package app.dukkan.automation.run;

import app.dukkan.automation.Workflow;
import app.dukkan.automation.workflow.WorkflowInputs;
import app.dukkan.automation.workflow.WorkflowStore;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ShopMeters;
import app.dukkan.platform.TextInput;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Automation: triggers")
class TriggerController {

    record Accepted(String runId, String status, String workflow, boolean created, String run) {}

    private final WorkflowStore store;
    private final WorkflowInputs inputs;
    private final TriggerBatches batches;
    private final RunStore runs;
    private final JsonMapper json;
    private final MeterRegistry meters;

    TriggerController(
            WorkflowStore store,
            WorkflowInputs inputs,
            TriggerBatches batches,
            RunStore runs,
            JsonMapper json,
            MeterRegistry meters) {
        this.store = store;
        this.runs = runs;
        this.inputs = inputs;
        this.batches = batches;
        this.json = json;
        this.meters = meters;
    }

    @PostMapping("/api/v1/triggers/{key}")
    @Operation(
            summary = "Start a workflow",
            description = "Starts a run of the enabled webhook workflow `key` with the JSON body as its payload and"
                    + " answers 202 with the run's id while the run is queued. Needs an API key with scope"
                    + " triggers:write. The body (at most 512 KB, `dukkan.web.body-limits`, else 413 `body-too-large`)"
                    + " must match the workflow's input schema"
                    + " (422 lists the faults). With an `Idempotency-Key` header a repeat with the same body answers"
                    + " the first run (created: false), even when the workflow was disabled or changed since, and one"
                    + " with another body is refused (409).")
    ResponseEntity<Accepted> trigger(
            @PathVariable String key,
            @Parameter(description = "Up to 255 visible ASCII characters naming this request")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            HttpServletRequest request)
            throws IOException {
        try {
            return start(key, idempotencyKey, request);
        } catch (ProblemException refused) {
            ShopMeters.webhookFailed(meters, "trigger", refused.type());
            throw refused;
        }
    }

    private ResponseEntity<Accepted> start(String key, @Nullable String idempotencyKey, HttpServletRequest request)
            throws IOException {
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7E]{1,255}")) {
            throw ProblemException.invalid("Idempotency-Key", "1 to 255 visible ASCII characters");
        }
        byte[] body = body(request);
        Workflow workflow = store.findCached(key).orElseThrow(() -> ProblemException.notFound("workflow", key));
        byte[] hash = sha256(body);
        JsonNode payload;
        try {
            payload = payload(workflow, body);
        } catch (ProblemException refused) {
            // a retry of a trigger that started a run (told to send it again after a 503) learns that
            // run, even when the workflow was disabled or changed since; the refusal is for new triggers
            if (idempotencyKey == null) {
                throw refused;
            }
            return accepted(
                    key,
                    runs.earlier(workflow.id(), idempotencyKey)
                            .filter(run -> run.sameBody(hash))
                            .map(RunStore.Earlier::repeated)
                            .orElseThrow(() -> refused));
        }
        return accepted(key, batches.start(workflow, payload, idempotencyKey, hash));
    }

    private static ResponseEntity<Accepted> accepted(String key, RunEngine.Started started) {
        String run = "/api/v1/runs/" + started.runId();
        return ResponseEntity.accepted()
                .location(URI.create(run))
                .body(new Accepted(started.runId().toString(), started.status(), key, started.created(), run));
    }

    /** The body as the workflow's payload; refused when the workflow does not take it now. */
    private JsonNode payload(Workflow workflow, byte[] body) {
        String key = workflow.key();
        if (!workflow.enabled()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "workflow-disabled",
                    "Workflow disabled",
                    "The workflow '" + key + "' is disabled: enable it first",
                    List.of());
        }
        if (!workflow.triggerType().equals("webhook")) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "not-a-webhook-workflow",
                    "Not started by webhook",
                    "The workflow '" + key + "' starts on its " + workflow.triggerType()
                            + (workflow.triggerEvent() == null ? "" : " " + workflow.triggerEvent())
                            + ", not by a webhook",
                    List.of());
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JacksonException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "malformed-json",
                    "Malformed JSON",
                    "The body is not JSON: " + e.getOriginalMessage(),
                    List.of());
        }
        if (payload == null || payload.isMissingNode()) {
            throw ProblemException.invalid("body", "a JSON value is required");
        }
        TextInput.check(payload, "body");
        if (depth(payload) > MAX_DEPTH) {
            // the run's records wrap the payload further, and must read back within the parser's 64
            throw ProblemException.invalid("body", "must not be nested deeper than " + MAX_DEPTH + " levels");
        }
        inputs.check(workflow, payload);
        return payload;
    }

    /** The body; the route's body limit refuses it with 413 once it passes 512 KB, whatever Content-Length claimed. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return in.readAllBytes();
        }
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final int MAX_DEPTH = 48;

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainer() ? deepest + 1 : 0;
    }
}

package app.dukkan.automation.workflow;

import app.dukkan.automation.Workflow;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemException.FieldProblem;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Checks a trigger's payload against its workflow version's input schema, compiled once per version. */
@Component
public class WorkflowInputs {

    private record VersionKey(UUID workflowId, int version) {}

    private final WorkflowStore store;
    private final JsonSchemas schemas;
    private final Cache<VersionKey, Optional<Schema>> compiled =
            Caffeine.newBuilder().maximumSize(1_000).build();

    WorkflowInputs(WorkflowStore store, JsonSchemas schemas) {
        this.store = store;
        this.schemas = schemas;
    }

    /** Refuses (422, naming every fault) a payload that does not match the version's input schema. */
    public void check(Workflow workflow, JsonNode payload) {
        Optional<Schema> schema = compiled.get(new VersionKey(workflow.id(), workflow.version()), key -> {
            JsonNode input =
                    store.version(key.workflowId(), key.version()).definition().input();
            // a saved schema compiled when it was saved; a failure now would be a bug, shown as one
            return input == null ? Optional.empty() : schemas.compile(input, "input", new ArrayList<>());
        });
        if (schema.isEmpty()) {
            return;
        }
        List<FieldProblem> problems = schemas.check(schema.get(), payload, "");
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "invalid-payload",
                    "Payload does not match the workflow's input schema",
                    "Nothing was started: see errors (GET /api/v1/workflows/" + workflow.key()
                            + " shows the input schema)",
                    problems);
        }
    }
}

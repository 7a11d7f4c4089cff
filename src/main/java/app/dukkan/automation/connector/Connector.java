package app.dukkan.automation.connector;

import app.dukkan.platform.ProblemException.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One kind of step a workflow can take ({@code email}, {@code slack}, {@code whatsapp}, {@code pdf},
 * {@code http}). A call may be repeated (a retry, or a worker that died after the effect): the
 * connector passes {@link StepCall#idempotencyKey()} to the provider where it takes one.
 */
public interface Connector {

    /** The name a workflow step uses in its {@code connector} field. */
    String type();

    /**
     * A JSON Schema (draft 2020-12, as JSON text) of the step's {@code input} object as a workflow
     * definition writes it: values may still be templates such as {@code "{{trigger.email}}"}, so
     * types are loose (mostly strings and objects); it names the required properties and allows no
     * others. The workflow validator checks definitions against it when they are saved.
     */
    default String inputSchema() {
        return """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}""";
    }

    /**
     * What is wrong with a step's input as a definition writes it beyond what {@link #inputSchema()}
     * can say, checked when the workflow is saved: each fault with its path below the step's {@code
     * input} ({@code headers.Host}). The connector refuses the same input again when it is called.
     */
    default List<FieldProblem> inputProblems(JsonNode input) {
        return List.of();
    }

    /**
     * The top-level input fields that are URLs: values a template writes into their text are
     * percent-encoded (see {@code Templates}).
     */
    default Set<String> urlInputs() {
        return Set.of();
    }

    /**
     * The top-level output fields that the run keeps but its log lines leave out, each with the
     * marker that stands for its value where a later step's input, output or error holds it: whoever
     * reads the logs ({@code logs:read}) is not to get what they hand out, such as a signed link to a
     * document.
     */
    default Map<String, String> unloggedOutputs() {
        return Map.of();
    }

    /**
     * Deletes what the connector stored for the run outside the database (the {@code pdf}
     * connector's documents, drawn from the run's data): an erasure does, for a run that mentions the
     * person.
     */
    default void deleteStored(UUID runId) {}

    /**
     * Performs the step.
     *
     * @throws ConnectorException when the call failed; {@link ConnectorException#retryable()} says
     *     whether trying again may help
     * @throws ConnectorUnavailableException when the target's circuit breaker is open: the step waits
     *     without spending an attempt
     */
    StepResult call(StepCall call);
}

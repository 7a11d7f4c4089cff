package app.dukkan.automation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Workflows as operators manage them (the API and the console): saving checked definitions as new
 * versions, enabling, testing without side effects and starting runs by hand. Faults come as {@link
 * app.dukkan.platform.ProblemException}s naming each offending path.
 */
public interface Workflows {

    /** A saved version of a definition. */
    record Version(int version, Instant createdAt, @Nullable UUID createdBy, JsonNode definition) {}

    /** A workflow just made, with its webhook signing secret, shown this once. */
    record Created(Workflow workflow, String signingSecret) {}

    /** What one step of a test run would do; {@code input} and {@code output} are null when it was skipped. */
    record TestStep(
            String step,
            String connector,
            String status,
            @Nullable JsonNode input,
            @Nullable JsonNode output,
            @Nullable String error) {}

    /** By key, a page at a time. */
    List<Workflow> page(int page, int size);

    long count();

    Optional<Workflow> find(String key);

    /** The current definition of the workflow. */
    JsonNode definition(Workflow workflow);

    /** Every version, newest first. */
    List<Version> versions(Workflow workflow);

    /** The published JSON Schema of definitions. */
    JsonNode schema();

    Created create(String key, JsonNode definition, @Nullable UUID actor);

    Workflow update(String key, JsonNode definition, @Nullable UUID actor);

    Workflow setEnabled(String key, boolean enabled, @Nullable String reason);

    /** A new signing secret, shown this once. */
    String renewSecret(String key);

    /** Runs the current version on a sample payload without side effects or storing anything. */
    List<TestStep> test(String key, JsonNode payload);

    /** Starts a run by hand, whatever the trigger; the payload must match the input schema. */
    Run start(String key, JsonNode payload, @Nullable UUID actor);
}

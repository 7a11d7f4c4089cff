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

    /** Versions newest first; {@code next} is the cursor of the following page, null on the last. */
    record VersionPage(List<Version> items, @Nullable String next) {}

    /** The most versions a page holds. */
    int MAX_VERSIONS_LIMIT = 100;

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

    /** The definition of one saved version of a workflow (read once: a version never changes). */
    JsonNode definition(UUID workflowId, int version);

    /**
     * A page of the versions, newest first.
     *
     * @param cursor the {@code next} of the previous page, or null for the first
     * @param limit 1 to {@link #MAX_VERSIONS_LIMIT}; a 400 problem otherwise, or for a bad cursor
     */
    VersionPage versions(Workflow workflow, @Nullable String cursor, int limit);

    /** The published JSON Schema of definitions. */
    JsonNode schema();

    Created create(String key, JsonNode definition, @Nullable UUID actor);

    Workflow update(String key, JsonNode definition, @Nullable UUID actor);

    Workflow setEnabled(String key, boolean enabled, @Nullable String reason);

    /** A new signing secret, shown this once. */
    String renewSecret(String key);

    /**
     * Runs the current version on a sample payload without side effects or storing anything (an
     * {@code orders} step reads the orders it would hand on). Refused with 403 {@code
     * insufficient-scope} for an API key that could not save the workflow, as {@link #start} is.
     */
    List<TestStep> test(String key, JsonNode payload);

    /** Starts a run by hand, whatever the trigger; the payload must match the input schema. */
    Run start(String key, JsonNode payload, @Nullable UUID actor);
}

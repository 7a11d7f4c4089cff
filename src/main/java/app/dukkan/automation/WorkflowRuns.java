package app.dukkan.automation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Runs as operators follow them: newest first, each with its steps; a failed one resumed. The runs
 * of a workflow version that hands customers' data to its steps (started by an event that carries
 * customers' emails, or with an {@code orders} step) are not for an API key without {@code
 * orders:read}: pages leave them out, {@link #find} and {@link #resume} answer 403 {@code
 * insufficient-scope}.
 */
public interface WorkflowRuns {

    /** {@code next} is the cursor of the following page, null on the last. */
    record Page(List<Run> items, @Nullable String next) {}

    /**
     * @param workflowKey only this workflow's runs, or every workflow's when null
     * @param status only runs in this status ({@code queued}, {@code running}, {@code succeeded},
     *     {@code failed}), or all when null
     * @param cursor the {@code next} of the previous page
     */
    Page page(@Nullable String workflowKey, @Nullable String status, @Nullable String cursor, int limit);

    Optional<Run> find(UUID id);

    List<Run.StepRun> steps(UUID runId);

    /**
     * Resumes a failed run from its failed step (audited); the steps before it are not repeated.
     *
     * @return the run; a 409 problem when it has not failed
     */
    Run resume(UUID runId);
}

package app.dukkan.automation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One run of a workflow version. */
public record Run(
        UUID id,
        UUID workflowId,
        String workflowKey,
        int version,
        String status,
        String triggerType,
        JsonNode payload,
        @Nullable String failedStep,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant finishedAt) {

    /** What a run's step did; {@code output} is null until it succeeded. */
    public record StepRun(
            int position,
            String step,
            String connector,
            String status,
            int attempts,
            @Nullable JsonNode output,
            @Nullable String providerMessageId,
            @Nullable String error,
            Instant startedAt,
            @Nullable Instant finishedAt) {}
}

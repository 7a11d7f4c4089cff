package app.dukkan.automation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A saved workflow as listed: its current version, whether it runs, and what starts it. */
public record Workflow(
        UUID id,
        String key,
        String name,
        boolean enabled,
        int version,
        String triggerType,
        @Nullable String triggerEvent,
        int scheduleGeneration,
        Instant createdAt,
        Instant updatedAt) {}

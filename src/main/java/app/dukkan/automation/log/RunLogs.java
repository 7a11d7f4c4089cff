package app.dukkan.automation.log;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where the run engine writes what happened. Every line is redacted of personal data (emails,
 * phone numbers, card numbers, IBANs) before it is stored, and marked when something was redacted.
 * A line is written in the caller's transaction.
 */
public interface RunLogs {

    enum Level {
        DEBUG,
        INFO,
        WARN,
        ERROR
    }

    /**
     * @param workflowId the workflow the run belongs to
     * @param runId the run, or null for a line about the workflow itself (enabled, schedule synced)
     * @param step the step's id, or null for a line about the whole run
     * @param status the run's or step's status the line records ({@code queued}, {@code running},
     *     {@code succeeded}, {@code failed}, {@code waiting}, …)
     * @param data details (inputs, outputs, errors); redacted like the message
     */
    record Line(
            UUID workflowId,
            @Nullable UUID runId,
            @Nullable String step,
            Level level,
            String status,
            String message,
            Map<String, Object> data) {}

    void write(Line line);
}

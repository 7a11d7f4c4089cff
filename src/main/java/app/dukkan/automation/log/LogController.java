package app.dukkan.automation.log;

import app.dukkan.automation.AutomationLogs;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Automation: logs")
class LogController {

    private final AutomationLogs logs;

    LogController(AutomationLogs logs) {
        this.logs = logs;
    }

    @GetMapping("/api/v1/logs")
    @Operation(
            summary = "Run and step logs",
            description = "Lines the workflows' runs wrote, newest first, with personal data (emails, phone"
                    + " numbers, card numbers, IBANs) redacted before they were stored and `pii_redacted`"
                    + " saying whether something was. A PDF step's signed link is not in them: a later step's"
                    + " input, output or error holding it shows `[signed url]`. Filters: workflow and run (ids), status (e.g. failed),"
                    + " level (debug, info, warn, error), from and to (ISO-8601 instants, to exclusive). Pages of"
                    + " `limit` lines (1-200, default 50); pass `next` as `cursor` for the following page (400"
                    + " `invalid-cursor` for anything else). An administrator's session or an API key with"
                    + " `logs:read`; a key without `orders:read` (or `admin`) does not get the lines of runs of"
                    + " workflow versions that hand customers' data to their steps (started by an event that"
                    + " carries customers' emails, order.* or user.registered, or with an `orders` step).")
    AutomationLogs.Page list(
            @Parameter(description = "A workflow's id") @RequestParam(required = false) @Nullable String workflow,
            @Parameter(description = "A run's id") @RequestParam(required = false) @Nullable String run,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        AutomationLogs.Query query = new AutomationLogs.Query(
                uuid("workflow", workflow, "a workflow id"),
                uuid("run", run, "a run id"),
                status,
                level,
                instant("from", from),
                instant("to", to));
        return logs.find(query, blankToNull(cursor), limit);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable UUID uuid(String name, @Nullable String value, String what) {
        String text = blankToNull(value);
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be " + what + " (UUID)");
        }
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        String text = blankToNull(value);
        Instant instant;
        try {
            instant = text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
        if (instant != null && !AutomationLogs.filterable(instant)) {
            throw ProblemException.invalid(name, "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return instant;
    }
}

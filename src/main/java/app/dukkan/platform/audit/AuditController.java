package app.dukkan.platform.audit;

import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin: audit log")
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/admin/audit")
    @Operation(
            summary = "Audit log",
            description = "What operators did, newest first: who, what, target, when, reason, client address."
                    + " Filters: actor (user id), action (e.g. product.archived), target_type and target_id,"
                    + " from and to (ISO-8601 instants, to exclusive). Pages of `limit` entries (1-200, default"
                    + " 50); pass `next` as `cursor` for the following page. Admins only.")
    AuditLog.Page list(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(name = "target_type", required = false) @Nullable String targetType,
            @RequestParam(name = "target_id", required = false) @Nullable String targetId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 200) {
            throw ProblemException.invalid("limit", "must be between 1 and 200");
        }
        AuditLog.Query query = new AuditLog.Query(
                uuid("actor", actor),
                blankToNull(action),
                blankToNull(targetType),
                blankToNull(targetId),
                instant("from", from),
                instant("to", to));
        return audit.find(query, blankToNull(cursor), limit);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable UUID uuid(String name, @Nullable String value) {
        String text = blankToNull(value);
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a user id (UUID)");
        }
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        String text = blankToNull(value);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }
}

package app.dukkan.admin.audit;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.ConsoleTime;
import app.dukkan.admin.web.Pager;
import app.dukkan.platform.AuditLog;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The audit log: filters in the URL (actor id, action, target type and id, a day range in UTC),
 * newest first, a page at a time. A filter that is not valid is shown next to its field.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditPages {

    private static final int PAGE_SIZE = 50;

    /** The filter form as typed. */
    record Filters(
            @Nullable String actor,
            @Nullable String action,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String from,
            @Nullable String to,
            @Nullable String cursor) {

        /** A field's value as typed, by its name in the form. */
        public @Nullable String value(String name) {
            return switch (name) {
                case "actor" -> actor;
                case "action" -> action;
                case "targetType" -> targetType;
                case "targetId" -> targetId;
                case "from" -> from;
                case "to" -> to;
                default -> throw new IllegalArgumentException("No filter " + name);
            };
        }
    }

    private final AuditLog audit;

    AuditPages(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String list(
            @ModelAttribute("filters") Filters filters,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        UUID actor = null;
        if (present(filters.actor())) {
            try {
                actor = UUID.fromString(filters.actor().strip());
            } catch (IllegalArgumentException e) {
                errors.put("actor", "console.audit.error.actor");
            }
        }
        Instant from = day(filters.from(), "from", errors, 0);
        Instant to = day(filters.to(), "to", errors, 1);
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.nav.audit", null)));
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("entries", null);
            return "admin/audit";
        }
        AuditLog.Query query = new AuditLog.Query(
                actor, text(filters.action()), text(filters.targetType()), text(filters.targetId()), from, to);
        AuditLog.Page page = audit.find(query, text(filters.cursor()), PAGE_SIZE);
        model.addAttribute("entries", page.items());
        model.addAttribute("pager", Pager.cursor(request, page.next()));
        return "admin/audit";
    }

    /** The start of a day (UTC), or of the day after it with {@code plusDays} 1 (an exclusive end). */
    private static @Nullable Instant day(
            @Nullable String value, String field, Map<String, String> errors, int plusDays) {
        if (!present(value)) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            if (!ConsoleTime.plausible(day)) {
                errors.put(field, "console.audit.error.day");
                return null;
            }
            return day.plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.put(field, "console.audit.error.day");
            return null;
        }
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static @Nullable String text(@Nullable String value) {
        return present(value) ? value.strip() : null;
    }
}

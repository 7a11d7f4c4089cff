package app.dukkan.admin.automation;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.automation.AutomationLogs;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

/**
 * The logs explorer: the workflows' run and step lines, newest first, filtered by workflow, run,
 * status, level and a time range (UTC) in the URL, a page at a time. A filter that is not valid is
 * shown next to its field.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class LogPages {

    private static final int PAGE_SIZE = 50;

    /** The filter form as typed. */
    record Filters(
            @Nullable String workflow,
            @Nullable String run,
            @Nullable String status,
            @Nullable String level,
            @Nullable String from,
            @Nullable String to,
            @Nullable String cursor) {

        /** A field's value as typed, by its name in the form. */
        public @Nullable String value(String name) {
            return switch (name) {
                case "workflow" -> workflow;
                case "run" -> run;
                case "status" -> status;
                case "level" -> level;
                case "from" -> from;
                case "to" -> to;
                default -> throw new IllegalArgumentException("No filter " + name);
            };
        }
    }

    /** A line as the table shows it, with its data as indented JSON (null when there is none). */
    record Row(AutomationLogs.Entry entry, @Nullable String data) {}

    private final AutomationLogs logs;
    private final JsonMapper json;

    LogPages(AutomationLogs logs, JsonMapper json) {
        this.logs = logs;
        this.json = json;
    }

    @GetMapping("/admin/automation/logs")
    String list(
            @ModelAttribute("filters") Filters filters,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        UUID workflow = uuid(filters.workflow(), "workflow", errors);
        UUID run = uuid(filters.run(), "run", errors);
        String level = text(filters.level());
        if (level != null && !AutomationLogs.LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            errors.put("level", "console.automation.logs.error.level");
        }
        String status = text(filters.status());
        if (status != null && status.length() > 40) {
            errors.put("status", "console.automation.logs.error.status");
        }
        Instant from = time(filters.from(), "from", errors);
        Instant to = time(filters.to(), "to", errors);
        if (from != null && to != null && !to.isAfter(from)) {
            errors.put("to", "console.automation.logs.error.range");
        }
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.automation.nav.logs", null)));
        model.addAttribute("levels", AutomationLogs.LEVELS);
        model.addAttribute("errors", errors);
        model.addAttribute("rows", null);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "admin/automation-logs";
        }
        AutomationLogs.Query query = new AutomationLogs.Query(workflow, run, status, level, from, to);
        AutomationLogs.Page page;
        try {
            page = logs.find(query, text(filters.cursor()), PAGE_SIZE);
        } catch (ProblemException e) {
            // a cursor this list did not hand out: the first page again
            errors.put("cursor", "console.automation.logs.error.cursor");
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "admin/automation-logs";
        }
        List<Row> rows = page.items().stream()
                .map(entry -> new Row(
                        entry,
                        entry.data().isEmpty()
                                ? null
                                : json.writerWithDefaultPrettyPrinter().writeValueAsString(entry.data())))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("pager", Pager.cursor(request, page.next()));
        return "admin/automation-logs";
    }

    private static @Nullable UUID uuid(@Nullable String value, String field, Map<String, String> errors) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            errors.put(field, "console.automation.logs.error.id");
            return null;
        }
    }

    /** A time as a {@code datetime-local} field sends it (minutes or seconds), in UTC. */
    private static @Nullable Instant time(@Nullable String value, String field, Map<String, String> errors) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null || !AutomationLogs.filterable(at)) {
            errors.put(field, "console.automation.logs.error.time");
            return null;
        }
        return at;
    }

    private static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

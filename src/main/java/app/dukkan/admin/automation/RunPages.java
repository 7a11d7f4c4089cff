package app.dukkan.admin.automation;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.automation.Run;
import app.dukkan.automation.WorkflowRuns;
import app.dukkan.automation.Workflows;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs in the console: the list (filters for workflow and status in the URL, a page at a time by
 * cursor) and a run's page with its step timeline, which asks for itself again every second while
 * the run is queued or running (htmx; without JavaScript a link reloads), and a failed run resumed
 * from its failed step through a confirmation page.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class RunPages {

    static final int PAGE_SIZE = 50;

    /** The statuses a run has, as the filter offers them. */
    static final List<String> STATUSES = List.of("queued", "running", "succeeded", "failed");

    /** A step as the timeline shows it, its output as indented JSON (null when there is none). */
    record StepView(Run.StepRun step, @Nullable String output) {}

    /** A step of the run's version that has not started (yet, or because the run ended before it). */
    record PendingStep(String step, String connector) {}

    private final WorkflowRuns runs;
    private final Workflows workflows;
    private final JsonMapper json;

    RunPages(WorkflowRuns runs, Workflows workflows, JsonMapper json) {
        this.workflows = workflows;
        this.runs = runs;
        this.json = json;
    }

    @GetMapping("/admin/automation/runs")
    String list(
            @RequestParam(required = false) @Nullable String workflow,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String cursor,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        String key = text(workflow);
        String wanted = text(status);
        Map<String, String> errors = new LinkedHashMap<>();
        if (wanted != null && !STATUSES.contains(wanted)) {
            errors.put("status", "console.runs.error.status");
        }
        model.addAttribute("workflow", key == null ? "" : key);
        model.addAttribute("status", wanted == null ? "" : wanted);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("errors", errors);
        model.addAttribute("items", null);
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.runs.nav", null)));
        if (errors.isEmpty()) {
            try {
                WorkflowRuns.Page page = runs.page(key, wanted, text(cursor), PAGE_SIZE);
                model.addAttribute("items", page.items());
                model.addAttribute("pager", Pager.cursor(request, page.next()));
                return "admin/runs";
            } catch (ProblemException refused) {
                if (refused.status() == HttpStatus.NOT_FOUND) {
                    errors.put("workflow", "console.runs.error.workflow");
                } else if (refused.errors().stream()
                        .anyMatch(problem -> problem.field().equals("cursor"))) {
                    errors.put("cursor", "console.runs.error.cursor");
                } else {
                    throw refused;
                }
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return "admin/runs";
    }

    @GetMapping("/admin/automation/runs/{id}")
    String show(
            @PathVariable String id,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        Run run = run(id);
        model.addAttribute("run", run);
        model.addAttribute("finished", finished(run));
        model.addAttribute("payload", pretty(run.payload()));
        List<Run.StepRun> started = runs.steps(run.id());
        model.addAttribute(
                "steps",
                started.stream()
                        .map(step -> new StepView(step, step.output() == null ? null : pretty(step.output())))
                        .toList());
        model.addAttribute("pending", pending(run, started));
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.runs.nav", "/admin/automation/runs"),
                        Crumb.text(run.workflowKey(), "/admin/automation/workflows/" + run.workflowKey()),
                        Crumb.text(run.id().toString().substring(0, 8), null)));
        return htmx != null ? "admin/run :: live" : "admin/run";
    }

    /**
     * The steps of the run's version after the last one that started, as the timeline still to come;
     * the version is read once per instance, as the page asks every second.
     */
    private List<PendingStep> pending(Run run, List<Run.StepRun> started) {
        int next = started.stream().mapToInt(Run.StepRun::position).max().orElse(-1) + 1;
        JsonNode steps = workflows.definition(run.workflowId(), run.version()).path("steps");
        List<PendingStep> pending = new ArrayList<>();
        for (int i = next; i < steps.size(); i++) {
            pending.add(new PendingStep(
                    steps.get(i).path("id").asString(),
                    steps.get(i).path("connector").asString()));
        }
        return pending;
    }

    @GetMapping("/admin/automation/runs/{id}/resume")
    String confirmResume(@PathVariable String id, Model model) {
        Run run = run(id);
        if (!run.status().equals("failed")) {
            return "redirect:/admin/automation/runs/" + run.id();
        }
        model.addAttribute("run", run);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.runs.nav", "/admin/automation/runs"),
                        Crumb.text(run.id().toString().substring(0, 8), "/admin/automation/runs/" + run.id()),
                        Crumb.key("console.runs.resume", null)));
        return "admin/run-resume";
    }

    @PostMapping("/admin/automation/runs/{id}/resume")
    String resume(@PathVariable String id, RedirectAttributes redirect) {
        Run failed = run(id);
        Run run = runs.resume(failed.id());
        redirect.addFlashAttribute("notice", "console.runs.resumed");
        redirect.addFlashAttribute("noticeArgs", new Object[] {failed.failedStep() == null ? "" : failed.failedStep()});
        return "redirect:/admin/automation/runs/" + run.id();
    }

    static boolean finished(Run run) {
        return run.status().equals("succeeded") || run.status().equals("failed");
    }

    private Run run(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("run", id);
        }
        return runs.find(uuid).orElseThrow(() -> ProblemException.notFound("run", id));
    }

    private String pretty(JsonNode node) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package app.dukkan.admin.automation;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.automation.Run;
import app.dukkan.automation.Workflow;
import app.dukkan.automation.WorkflowRuns;
import app.dukkan.automation.Workflows;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemException.FieldProblem;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workflows in the console: the list, a JSON editor that saves a checked definition as a new
 * version (the schema's problems listed above it, the text kept as typed), and a workflow's page
 * with its definition and versions, enabling and disabling, the signing secret renewed, its recent
 * runs, a test run on a sample payload (nothing sent or stored) and a form generated from its input
 * schema that starts a run by hand. The automation module checks and audits everything.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class WorkflowPages {

    static final int PAGE_SIZE = 25;
    static final int RECENT_RUNS = 10;
    static final int VERSIONS_PAGE_SIZE = 20;
    static final int MAX_REASON = 500;

    /** A definition that saves as it is, to start a new workflow from. */
    static final String STARTER = """
            {
              "name": "New workflow",
              "trigger": {"type": "webhook"},
              "input": {
                "type": "object",
                "required": ["email"],
                "properties": {"email": {"type": "string", "format": "email"}}
              },
              "steps": [
                {"id": "notify", "connector": "http",
                 "input": {"url": "https://example.com/hook", "body": {"email": "{{trigger.email}}"}}}
              ]
            }
            """;

    /** A saved version as the page shows it. */
    record VersionView(Workflows.Version version, String json) {}

    /** A step of a test run, its input and output as indented JSON (null when there is none). */
    record TestStepView(
            Workflows.TestStep step,
            @Nullable String input,
            @Nullable String output) {}

    /** What the editor shows: the key (null when editing), the text as typed and what was wrong with it. */
    record Editor(
            @Nullable String key,
            String definition,
            Map<String, String> keyErrors,
            @Nullable Position malformed,
            List<FieldProblem> problems) {}

    /** The test run form: the sample payload as typed, and the steps (null before a test) or what was wrong. */
    record TestState(
            String payload,
            @Nullable List<TestStepView> steps,
            List<FieldProblem> problems,
            @Nullable Position malformed) {

        static TestState empty() {
            return new TestState("{}", null, List.of(), null);
        }
    }

    /** The manual trigger form: its fields as typed, their problems (texts) and the payload's. */
    record TriggerState(
            TriggerForm form,
            String payload,
            Map<String, String> errors,
            List<FieldProblem> problems,
            @Nullable Position malformed) {}

    /** JSON that is not an object: line 0 says so on the page. */
    static final Position NOT_AN_OBJECT = new Position(0, 0);

    /** Malformed JSON where the parser did not say where. */
    static final Position SOMEWHERE = new Position(-1, -1);

    private final Workflows workflows;
    private final WorkflowRuns runs;
    private final CurrentUser currentUser;
    private final JsonMapper json;
    private final MessageSource messages;

    WorkflowPages(
            Workflows workflows, WorkflowRuns runs, CurrentUser currentUser, JsonMapper json, MessageSource messages) {
        this.workflows = workflows;
        this.runs = runs;
        this.currentUser = currentUser;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/admin/automation/workflows")
    String list(@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
        long total = workflows.count();
        int last = (int) Math.max(0, (total - 1) / PAGE_SIZE);
        int current = Math.max(0, Math.min(page, last));
        model.addAttribute("items", workflows.page(current, PAGE_SIZE));
        model.addAttribute("total", total);
        model.addAttribute("pager", Pager.numbered(request, current, (long) (current + 1) * PAGE_SIZE < total));
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.workflows.nav", null)));
        return "admin/workflows";
    }

    @GetMapping("/admin/automation/workflows/new")
    String newWorkflow(Model model) {
        return editor(new Editor("", STARTER, Map.of(), null, List.of()), null, model);
    }

    @PostMapping("/admin/automation/workflows")
    String create(
            @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String definition,
            HttpServletResponse response,
            Model model) {
        String wanted = key.strip();
        Map<String, String> keyErrors = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            keyErrors.put("key", "console.workflows.error.key-required");
        }
        JsonNode parsed = null;
        Position malformed = null;
        try {
            parsed = object(definition);
        } catch (Malformed e) {
            malformed = e.position;
        }
        if (keyErrors.isEmpty() && parsed != null) {
            try {
                Workflows.Created created = workflows.create(wanted, parsed, actor());
                return secret(created.workflow(), created.signingSecret(), true, response, model);
            } catch (ProblemException refused) {
                if (refused.errors().isEmpty() || refused.status().is5xxServerError()) {
                    throw refused;
                }
                List<FieldProblem> problems = new ArrayList<>();
                for (FieldProblem problem : refused.errors()) {
                    if (problem.field().equals("key")) {
                        keyErrors.put(
                                "key",
                                refused.status() == HttpStatus.CONFLICT
                                        ? "console.workflows.error.key-taken"
                                        : "console.workflows.error.key");
                    } else {
                        problems.add(problem);
                    }
                }
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                return editor(new Editor(wanted, definition, keyErrors, null, problems), null, model);
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return editor(new Editor(wanted, definition, keyErrors, malformed, List.of()), null, model);
    }

    @GetMapping("/admin/automation/workflows/{key}/edit")
    String edit(@PathVariable String key, Model model) {
        Workflow workflow = workflow(key);
        return editor(
                new Editor(null, pretty(workflows.definition(workflow)), Map.of(), null, List.of()), workflow, model);
    }

    @PostMapping("/admin/automation/workflows/{key}/edit")
    String update(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String definition,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Workflow workflow = workflow(key);
        try {
            Workflow saved = workflows.update(key, object(definition), actor());
            redirect.addFlashAttribute("notice", "console.workflows.saved");
            redirect.addFlashAttribute("noticeArgs", new Object[] {saved.version()});
            return "redirect:/admin/automation/workflows/" + key;
        } catch (Malformed e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return editor(new Editor(null, definition, Map.of(), e.position, List.of()), workflow, model);
        } catch (ProblemException refused) {
            if (refused.errors().isEmpty() || refused.status().is5xxServerError()) {
                throw refused;
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return editor(new Editor(null, definition, Map.of(), null, refused.errors()), workflow, model);
        }
    }

    private String editor(Editor editor, @Nullable Workflow workflow, Model model) {
        model.addAttribute("editor", editor);
        model.addAttribute("workflow", workflow);
        model.addAttribute(
                "crumbs",
                workflow == null
                        ? ConsoleCrumbs.of(
                                Crumb.key("console.workflows.nav", "/admin/automation/workflows"),
                                Crumb.key("console.workflows.new", null))
                        : ConsoleCrumbs.of(
                                Crumb.key("console.workflows.nav", "/admin/automation/workflows"),
                                Crumb.text(workflow.name(), "/admin/automation/workflows/" + workflow.key()),
                                Crumb.key("console.workflows.edit", null)));
        return "admin/workflow-edit";
    }

    @GetMapping("/admin/automation/workflows/{key}")
    String show(@PathVariable String key, @RequestParam(required = false) @Nullable String cursor, Model model) {
        Workflow workflow = workflow(key);
        return page(workflow, model, TestState.empty(), null, Map.of(), "", cursor);
    }

    @PostMapping("/admin/automation/workflows/{key}/enable")
    String enable(@PathVariable String key, RedirectAttributes redirect) {
        Workflow workflow = workflows.setEnabled(workflow(key).key(), true, null);
        redirect.addFlashAttribute("notice", "console.workflows.enabled-notice");
        redirect.addFlashAttribute("noticeArgs", new Object[] {workflow.name()});
        return "redirect:/admin/automation/workflows/" + key;
    }

    @PostMapping("/admin/automation/workflows/{key}/disable")
    String disable(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Workflow workflow = workflow(key);
        String why = reason.strip();
        if (why.codePointCount(0, why.length()) > MAX_REASON) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(
                    workflow,
                    model,
                    TestState.empty(),
                    null,
                    Map.of("reason", "console.workflows.error.reason-long"),
                    why);
        }
        Workflow disabled = workflows.setEnabled(key, false, why.isEmpty() ? null : why);
        redirect.addFlashAttribute("notice", "console.workflows.disabled-notice");
        redirect.addFlashAttribute("noticeArgs", new Object[] {disabled.name()});
        return "redirect:/admin/automation/workflows/" + key;
    }

    @GetMapping("/admin/automation/workflows/{key}/secret")
    String confirmRenew(@PathVariable String key, Model model) {
        Workflow workflow = workflow(key);
        model.addAttribute("workflow", workflow);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.workflows.nav", "/admin/automation/workflows"),
                        Crumb.text(workflow.name(), "/admin/automation/workflows/" + key),
                        Crumb.key("console.workflows.secret.renew", null)));
        return "admin/workflow-renew";
    }

    @PostMapping("/admin/automation/workflows/{key}/secret")
    String renew(@PathVariable String key, HttpServletResponse response, Model model) {
        Workflow workflow = workflow(key);
        return secret(workflow, workflows.renewSecret(key), false, response, model);
    }

    /** The signing secret, on this answer only: never in a redirect's flash (the session) or a cache. */
    private String secret(
            Workflow workflow, String secret, boolean created, HttpServletResponse response, Model model) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("workflow", workflow);
        model.addAttribute("secret", secret);
        model.addAttribute("created", created);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.workflows.nav", "/admin/automation/workflows"),
                        Crumb.text(workflow.name(), "/admin/automation/workflows/" + workflow.key()),
                        Crumb.key("console.workflows.secret.title", null)));
        return "admin/workflow-secret";
    }

    @PostMapping("/admin/automation/workflows/{key}/test")
    String test(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String payload,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            HttpServletResponse response,
            Model model) {
        Workflow workflow = workflow(key);
        TestState state;
        try {
            List<TestStepView> steps = workflows.test(key, object(payload)).stream()
                    .map(step -> new TestStepView(step, prettyOrNull(step.input()), prettyOrNull(step.output())))
                    .toList();
            state = new TestState(payload, steps, List.of(), null);
        } catch (Malformed e) {
            state = new TestState(payload, null, List.of(), e.position);
        } catch (ProblemException refused) {
            if (refused.errors().isEmpty() || refused.status().is5xxServerError()) {
                throw refused;
            }
            state = new TestState(payload, null, refused.errors(), null);
        }
        if (state.steps() == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        page(workflow, model, state, null, Map.of(), "");
        return htmx != null ? "admin/workflow :: test-result" : "admin/workflow";
    }

    @PostMapping("/admin/automation/workflows/{key}/runs")
    String start(
            @PathVariable String key,
            @RequestParam Map<String, String> parameters,
            HttpServletResponse response,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        Workflow workflow = workflow(key);
        JsonNode definition = workflows.definition(workflow);
        Map<String, String> typed = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (name.startsWith(TriggerForm.PREFIX)) {
                typed.put(name.substring(TriggerForm.PREFIX.length()), value);
            }
        });
        TriggerForm form = TriggerForm.of(definition, typed);
        String payloadText = parameters.getOrDefault(TriggerForm.PAYLOAD, "");
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        List<FieldProblem> general = new ArrayList<>();
        Position malformed = null;
        JsonNode payload = null;
        if (form.generated()) {
            TriggerForm.Parsed parsed = form.parse(json);
            parsed.errors().forEach((field, message) -> fieldErrors.put(field, text(message, locale)));
            payload = parsed.payload();
        } else {
            try {
                payload = object(payloadText);
            } catch (Malformed e) {
                malformed = e.position;
            }
        }
        if (fieldErrors.isEmpty() && payload != null) {
            try {
                Run run = workflows.start(key, payload, actor());
                redirect.addFlashAttribute("notice", "console.workflows.trigger.started");
                redirect.addFlashAttribute("noticeArgs", new Object[] {workflow.name()});
                return "redirect:/admin/automation/runs/" + run.id();
            } catch (ProblemException refused) {
                if (refused.errors().isEmpty() || refused.status().is5xxServerError()) {
                    throw refused;
                }
                for (FieldProblem problem : refused.errors()) {
                    String field = form.fieldOf(problem.field(), problem.message());
                    if (field != null && !fieldErrors.containsKey(field)) {
                        fieldErrors.put(field, problem.message());
                    } else if (field == null) {
                        general.add(problem);
                    }
                }
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return page(
                workflow,
                model,
                TestState.empty(),
                new TriggerState(form, payloadText, fieldErrors, general, malformed),
                Map.of(),
                "");
    }

    private String page(
            Workflow workflow,
            Model model,
            TestState test,
            @Nullable TriggerState trigger,
            Map<String, String> errors,
            String reason) {
        return page(workflow, model, test, trigger, errors, reason, null);
    }

    /** The workflow's page with a page of its versions ({@code versionsCursor}: the first when null). */
    private String page(
            Workflow workflow,
            Model model,
            TestState test,
            @Nullable TriggerState trigger,
            Map<String, String> errors,
            String reason,
            @Nullable String versionsCursor) {
        JsonNode definition = workflows.definition(workflow);
        model.addAttribute("workflow", workflow);
        model.addAttribute("definition", pretty(definition));
        Workflows.VersionPage versions = workflows.versions(workflow, versionsCursor, VERSIONS_PAGE_SIZE);
        model.addAttribute(
                "versions",
                versions.items().stream()
                        .map(version -> new VersionView(version, pretty(version.definition())))
                        .toList());
        // the links name the workflow's page: this one may be the answer to one of its forms
        String path = "/admin/automation/workflows/" + workflow.key();
        model.addAttribute(
                "versionsPager",
                new Pager(
                        versionsCursor == null ? null : path,
                        null,
                        versions.next() == null ? null : path + "?cursor=" + versions.next()));
        model.addAttribute(
                "runs", runs.page(workflow.key(), null, null, RECENT_RUNS).items());
        model.addAttribute("test", test);
        model.addAttribute(
                "trigger",
                trigger != null
                        ? trigger
                        : new TriggerState(TriggerForm.of(definition), "{}", Map.of(), List.of(), null));
        model.addAttribute("errors", errors);
        model.addAttribute("reason", reason);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.workflows.nav", "/admin/automation/workflows"),
                        Crumb.text(workflow.name(), null)));
        return "admin/workflow";
    }

    private Workflow workflow(String key) {
        return workflows.find(key).orElseThrow(() -> ProblemException.notFound("workflow", key));
    }

    /** A JSON object as typed; anything else is {@link Malformed} with the place it went wrong. */
    private JsonNode object(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw new Malformed(
                    at == null || at.getLineNr() < 1 ? SOMEWHERE : new Position(at.getLineNr(), at.getColumnNr()));
        }
        if (node == null || !node.isObject()) {
            throw new Malformed(NOT_AN_OBJECT);
        }
        return node;
    }

    private String pretty(JsonNode node) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private @Nullable String prettyOrNull(@Nullable JsonNode node) {
        return node == null ? null : pretty(node);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private @Nullable UUID actor() {
        return currentUser.get().map(user -> user.id().value()).orElse(null);
    }

    /** Where the parser stopped reading malformed JSON. */
    record Position(int line, int column) {}

    /** Text that is not a JSON object: where the parser stopped, {@link #NOT_AN_OBJECT} or {@link #SOMEWHERE}. */
    static final class Malformed extends RuntimeException {
        final Position position;

        Malformed(Position position) {
            super(null, null, false, false);
            this.position = position;
        }
    }
}

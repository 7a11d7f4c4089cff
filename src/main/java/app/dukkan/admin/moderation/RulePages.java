package app.dukkan.admin.moderation;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.moderation.ModerationRules;
import app.dukkan.moderation.ModerationRules.Rule;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The moderation rules: the list with a "test this text" box (a GET form; htmx swaps its result in
 * place), a form for a new rule and for each rule, deactivation after a confirmation.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class RulePages {

    private final ModerationRules rules;

    RulePages(ModerationRules rules) {
        this.rules = rules;
    }

    @GetMapping("/admin/moderation/rules")
    String list(
            @RequestParam(required = false) @Nullable String text,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("text", text == null ? "" : text);
        model.addAttribute("errors", Map.of());
        if (text != null && !text.isEmpty()) {
            if (text.length() > ModerationRules.MAX_TEST_TEXT) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("errors", Map.of("text", "console.moderation.error.text-long"));
            } else {
                model.addAttribute("result", rules.test(text));
            }
        }
        if (htmx != null) {
            return "admin/moderation-rules :: test-result";
        }
        model.addAttribute("rules", rules.list());
        model.addAttribute("crumbs", ConsoleCrumbs.of(QUEUE, Crumb.key("console.moderation.rules.title", null)));
        return "admin/moderation-rules";
    }

    @GetMapping("/admin/moderation/rules/new")
    String create(Model model) {
        return form(null, RuleForm.empty(), Map.of(), model);
    }

    @PostMapping("/admin/moderation/rules")
    String create(
            @ModelAttribute RuleForm form, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            Rule rule = rules.create(form.input());
            redirect.addFlashAttribute("notice", "console.moderation.rules.created");
            redirect.addFlashAttribute("noticeArgs", new Object[] {rule.name()});
            return "redirect:/admin/moderation/rules";
        } catch (ProblemException refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(null, form, errors(refused), model);
        }
    }

    @GetMapping("/admin/moderation/rules/{id}")
    String edit(@PathVariable UUID id, Model model) {
        Rule rule = rule(id);
        return form(rule, RuleForm.of(rule), Map.of(), model);
    }

    @PostMapping("/admin/moderation/rules/{id}")
    String edit(
            @PathVariable UUID id,
            @ModelAttribute RuleForm form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Rule rule = rule(id);
        try {
            rules.update(id, form.input());
            redirect.addFlashAttribute("notice", "console.moderation.rules.updated");
            redirect.addFlashAttribute("noticeArgs", new Object[] {rule.name()});
            return "redirect:/admin/moderation/rules";
        } catch (ProblemException refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(rule, form, errors(refused), model);
        }
    }

    @GetMapping("/admin/moderation/rules/{id}/deactivate")
    String confirmDeactivate(@PathVariable UUID id, Model model) {
        Rule rule = rule(id);
        model.addAttribute("rule", rule);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        QUEUE, RULES, named(rule, true), Crumb.key("console.moderation.rules.deactivate", null)));
        return "admin/moderation-rule-deactivate";
    }

    @PostMapping("/admin/moderation/rules/{id}/deactivate")
    String deactivate(@PathVariable UUID id, RedirectAttributes redirect) {
        Rule rule = rule(id);
        rules.update(id, new ModerationRules.RuleInput(null, null, null, null, null, false));
        redirect.addFlashAttribute("notice", "console.moderation.rules.deactivated");
        redirect.addFlashAttribute("noticeArgs", new Object[] {rule.name()});
        return "redirect:/admin/moderation/rules";
    }

    private String form(@Nullable Rule rule, RuleForm form, Map<String, String> errors, Model model) {
        model.addAttribute("rule", rule);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", ModerationRules.KINDS);
        model.addAttribute("severities", ModerationRules.SEVERITIES);
        model.addAttribute("actions", ModerationRules.ACTIONS);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        QUEUE,
                        RULES,
                        rule == null ? Crumb.key("console.moderation.rules.new", null) : named(rule, false)));
        return "admin/moderation-rule";
    }

    /** Each refused field's message; a refusal naming no field of the form is not the form's. */
    private static Map<String, String> errors(ProblemException refused) {
        if (refused.errors().isEmpty() || refused.status().is5xxServerError()) {
            throw refused;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (ProblemException.FieldProblem problem : refused.errors()) {
            String field = problem.field().startsWith("terms") ? "terms" : problem.field();
            if (!List.of("name", "kind", "terms", "severity", "action").contains(field)) {
                throw refused;
            }
            String key = field.equals("name") && refused.status() == HttpStatus.CONFLICT
                    ? "console.moderation.error.name-taken"
                    : "console.moderation.error." + field;
            errors.putIfAbsent(field, key);
        }
        return errors;
    }

    private static final Crumb QUEUE = Crumb.key("console.moderation.nav", "/admin/moderation");
    private static final Crumb RULES = Crumb.key("console.moderation.rules.title", "/admin/moderation/rules");

    private static Crumb named(Rule rule, boolean link) {
        return Crumb.text(rule.name(), link ? "/admin/moderation/rules/" + rule.id() : null);
    }

    private Rule rule(UUID id) {
        return rules.find(id).orElseThrow(() -> ProblemException.notFound("rule", id));
    }
}

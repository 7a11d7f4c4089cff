package app.dukkan.admin.privacy;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.PrivacyRequest;
import app.dukkan.privacy.PrivacyRequests;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Privacy requests: the latest exports and erasures, a form to export or erase a customer by email
 * or phone (an erasure through a confirmation page with its reason), and a request's page with
 * each part's progress and, for a completed export, its download link. The privacy module does the
 * work and refuses what is not valid; its refusals are shown next to the fields.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class PrivacyPages {

    private static final int RECENT = 50;

    private final PrivacyRequests privacy;

    PrivacyPages(PrivacyRequests privacy) {
        this.privacy = privacy;
    }

    @GetMapping("/admin/privacy")
    String list(Model model) {
        return list(model, "", "", Map.of());
    }

    @PostMapping("/admin/privacy/exports")
    String export(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String phone,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            PrivacyRequest request = privacy.export(email, phone);
            redirect.addFlashAttribute("notice", "console.privacy.export-queued");
            return "redirect:/admin/privacy/" + request.id();
        } catch (ProblemException refused) {
            return refused(refused, email, phone, response, model);
        }
    }

    /** The confirmation of an erasure, with its reason. */
    @GetMapping("/admin/privacy/erase")
    String confirm(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String phone,
            Model model) {
        return confirmation(text(email), text(phone), "", Map.of(), model);
    }

    @PostMapping("/admin/privacy/erasures")
    String erase(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String phone,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        String why = text(reason);
        Map<String, String> errors = new LinkedHashMap<>();
        if (why.isEmpty()) {
            errors.put("reason", "console.privacy.error.reason-required");
        } else if (why.codePointCount(0, why.length()) > PrivacyRequests.MAX_REASON_LENGTH) {
            errors.put("reason", "console.privacy.error.reason-long");
        }
        if (errors.isEmpty()) {
            try {
                PrivacyRequest request = privacy.erase(email, phone, why);
                redirect.addFlashAttribute("notice", "console.privacy.erasure-started");
                return "redirect:/admin/privacy/" + request.id();
            } catch (ProblemException refused) {
                if (refused.status() == HttpStatus.FORBIDDEN) {
                    throw refused;
                }
                errors.put(field(refused), message(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return confirmation(text(email), text(phone), why, errors, model);
    }

    @GetMapping("/admin/privacy/{id}")
    String show(@PathVariable String id, Model model) {
        UUID requestId;
        try {
            requestId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("privacy request", id);
        }
        PrivacyRequest request = privacy.find(requestId);
        model.addAttribute("request", request);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.privacy.nav", "/admin/privacy"),
                        Crumb.key("console.privacy.kind." + request.kind().code(), null)));
        return "admin/privacy-request";
    }

    private String list(Model model, String email, String phone, Map<String, String> errors) {
        model.addAttribute("requests", privacy.recent(RECENT));
        model.addAttribute("email", email);
        model.addAttribute("phone", phone);
        model.addAttribute("errors", errors);
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.privacy.nav", null)));
        return "admin/privacy";
    }

    private String confirmation(String email, String phone, String reason, Map<String, String> errors, Model model) {
        model.addAttribute("email", email);
        model.addAttribute("phone", phone);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.privacy.nav", "/admin/privacy"), Crumb.key("console.privacy.erase", null)));
        return "admin/privacy-erase";
    }

    private String refused(
            ProblemException refused,
            @Nullable String email,
            @Nullable String phone,
            HttpServletResponse response,
            Model model) {
        if (refused.status() == HttpStatus.FORBIDDEN) {
            throw refused;
        }
        response.setStatus(
                refused.status() == HttpStatus.NOT_FOUND
                        ? HttpStatus.NOT_FOUND.value()
                        : HttpStatus.BAD_REQUEST.value());
        return list(model, text(email), text(phone), Map.of(field(refused), message(refused)));
    }

    /** The form field a refusal names: phone, reason, or else email (which also stands for "the person"). */
    private static String field(ProblemException refused) {
        return refused.errors().stream()
                .map(ProblemException.FieldProblem::field)
                .filter(field -> field.equals("phone") || field.equals("reason"))
                .findFirst()
                .orElse("email");
    }

    private static String message(ProblemException refused) {
        if (refused.status() == HttpStatus.NOT_FOUND) {
            return "console.privacy.error.unknown";
        }
        if (refused.status() == HttpStatus.CONFLICT) {
            return "console.privacy.error." + refused.type();
        }
        return refused.errors().stream().anyMatch(error -> error.field().equals("phone"))
                ? "console.privacy.error.phone"
                : "console.privacy.error.email";
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}

package app.dukkan.admin.keys;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.identity.ApiKey;
import app.dukkan.identity.ApiKeyId;
import app.dukkan.identity.ApiKeyPage;
import app.dukkan.identity.ApiKeys;
import app.dukkan.identity.ApiScope;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.NewApiKey;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API keys: the operator's own (admins see every account's, with the owner), a form to create one
 * with its scopes and expiry that shows the new key's secret once, and revoking through a
 * confirmation page. Identity does the work: it checks the scopes against the roles and audits
 * each change.
 */
@Controller
class ApiKeyPages {

    private static final int PAGE_SIZE = 25;

    /** The expiries the form offers, in days; "never" is none. */
    static final List<String> EXPIRIES = List.of("30", "90", "365", "never");

    private final ApiKeys keys;
    private final CurrentUser currentUser;
    private final Clock clock;

    ApiKeyPages(ApiKeys keys, CurrentUser currentUser, Clock clock) {
        this.keys = keys;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The create form as typed. */
    record Form(String name, Set<ApiScope> scopes, String expires) {}

    @GetMapping("/admin/api-keys")
    String list(@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
        return page(page, request, model, new Form("", EnumSet.noneOf(ApiScope.class), "90"), Map.of());
    }

    @PostMapping("/admin/api-keys")
    String create(
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(name = "scopes", required = false) @Nullable List<String> scopes,
            @RequestParam(required = false) @Nullable String expires,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Set<ApiScope> wanted = EnumSet.noneOf(ApiScope.class);
        for (String code : scopes == null ? List.<String>of() : scopes) {
            ApiScope.fromCode(code).ifPresent(wanted::add);
        }
        String label = name == null ? "" : name.strip();
        String expiry = expires != null && EXPIRIES.contains(expires) ? expires : "90";
        Form form = new Form(label, wanted, expiry);
        Map<String, String> errors = new LinkedHashMap<>();
        if (label.isEmpty()) {
            errors.put("name", "console.keys.error.name-required");
        } else if (label.codePointCount(0, label.length()) > ApiKeys.MAX_NAME_LENGTH) {
            errors.put("name", "console.keys.error.name-long");
        }
        if (wanted.isEmpty()) {
            errors.put("scopes", "console.keys.error.no-scope");
        }
        if (errors.isEmpty()) {
            try {
                Instant expiresAt =
                        expiry.equals("never") ? null : clock.instant().plus(Duration.ofDays(Long.parseLong(expiry)));
                NewApiKey created = keys.create(label, wanted, expiresAt);
                // the secret is on this page only: never in a redirect's flash (the session) or a cache
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                model.addAttribute("created", created);
                model.addAttribute(
                        "crumbs",
                        ConsoleCrumbs.of(
                                Crumb.key("console.keys.nav", "/admin/api-keys"),
                                Crumb.key("console.keys.created.title", null)));
                return "admin/api-key-created";
            } catch (ProblemException refused) {
                switch (refused.type()) {
                    case "scope-not-allowed" -> errors.put("scopes", "console.keys.error.scope-not-allowed");
                    case "too-many-api-keys" -> errors.put("name", "console.keys.error.too-many");
                    default -> throw refused;
                }
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return page(0, request, model, form, errors);
    }

    private String page(int page, HttpServletRequest request, Model model, Form form, Map<String, String> errors) {
        boolean admin = currentUser.require().isAdmin();
        int current = Math.max(0, Math.min(page, ApiKeys.MAX_PAGE));
        if (admin) {
            ApiKeyPage found = keys.all(null, current, PAGE_SIZE);
            model.addAttribute("items", found.items());
            model.addAttribute("total", found.total());
            model.addAttribute(
                    "pager", Pager.numbered(request, current, (long) (current + 1) * PAGE_SIZE < found.total()));
        } else {
            List<ApiKey> mine = keys.mine();
            model.addAttribute("items", mine);
            model.addAttribute("total", (long) mine.size());
            model.addAttribute("pager", null);
        }
        model.addAttribute("everyone", admin);
        model.addAttribute("now", clock.instant());
        model.addAttribute("grantable", keys.grantable().stream().sorted().toList());
        model.addAttribute("expiries", EXPIRIES);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.keys.nav", null)));
        return "admin/api-keys";
    }

    @GetMapping("/admin/api-keys/{id}/revoke")
    String confirmRevoke(@PathVariable String id, Model model) {
        return confirmation(key(id), "", Map.of(), model);
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revoke(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        ApiKey key = key(id);
        String why = reason == null ? "" : reason.strip();
        if (why.codePointCount(0, why.length()) > ApiKeys.MAX_REASON_LENGTH) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return confirmation(key, why, Map.of("reason", "console.keys.error.reason-long"), model);
        }
        keys.revoke(key.id(), why.isEmpty() ? null : why);
        redirect.addFlashAttribute("notice", "console.keys.revoked");
        redirect.addFlashAttribute("noticeArgs", new Object[] {key.name(), key.prefix()});
        return "redirect:/admin/api-keys";
    }

    private String confirmation(ApiKey key, String reason, Map<String, String> errors, Model model) {
        model.addAttribute("key", key);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.keys.nav", "/admin/api-keys"),
                        Crumb.text(key.name(), null),
                        Crumb.key("console.keys.revoke", null)));
        return "admin/api-key-revoke";
    }

    /** The caller's key (an admin's: any key); 404 for anything else. */
    private ApiKey key(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("API key", id);
        }
        return keys.find(new ApiKeyId(uuid)).orElseThrow(() -> ProblemException.notFound("API key", id));
    }
}

package app.dukkan.storefront.account;

import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.Accounts;
import app.dukkan.identity.EmailAddresses;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages behind mailed links and for shoppers who cannot sign in: forgotten password, choosing a
 * new one with the mailed token, confirming the email address. Open to everyone.
 */
@Controller
class RecoveryPages {

    static final String FORGOT = "storefront/account/forgot-password";
    static final String RESET = "storefront/account/reset-password";
    static final String VERIFY = "storefront/account/verify-email";

    /** Longer than any token the shop mails (43 characters); longer input is not one. */
    private static final int MAX_TOKEN = 200;

    private final Accounts accounts;
    private final MessageSource messages;

    RecoveryPages(Accounts accounts, MessageSource messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/account/forgot-password")
    ModelAndView forgotPage(
            @RequestParam(required = false) @Nullable String sent,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<String, Object> model = model("account.forgot.title");
        model.put("sent", sent != null);
        return Pages.form(FORGOT, "panel", new Form(messages), model, request, response);
    }

    @PostMapping("/account/forgot-password")
    ModelAndView forgot(
            @RequestParam(defaultValue = "") String email, HttpServletRequest request, HttpServletResponse response) {
        Form form = new Form(messages).value("email", email);
        String trimmed = email.strip();
        if (trimmed.isEmpty()) {
            form.reject("email", "account.error.email-required");
        } else if (!EmailAddresses.wellFormed(trimmed)) {
            form.reject("email", "account.error.email-invalid");
        }
        if (form.isValid()) {
            try {
                accounts.requestPasswordReset(trimmed, request.getRemoteAddr());
                // the same answer whether or not an account has this address
                return Pages.seeOther(request, response, "/account/forgot-password?sent");
            } catch (ProblemException e) {
                form.refuse(e);
            }
        }
        Map<String, Object> model = model("account.forgot.title");
        model.put("sent", false);
        return Pages.form(FORGOT, "panel", form, model, request, response);
    }

    @GetMapping("/account/reset-password")
    ModelAndView resetPage(
            @RequestParam(defaultValue = "") String token, HttpServletRequest request, HttpServletResponse response) {
        Form form = new Form(messages).value("token", token);
        try {
            accounts.checkResetToken(bounded(token));
        } catch (AccountProblem e) {
            return linkProblem(RESET, "account.reset.title", e, request, response);
        }
        return Pages.form(RESET, "panel", form, model("account.reset.title"), request, response);
    }

    @PostMapping("/account/reset-password")
    ModelAndView reset(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response) {
        Form form = new Form(messages).value("token", token);
        if (password.isEmpty()) {
            form.reject("password", "account.error.password-required");
        }
        if (form.isValid()) {
            try {
                accounts.resetPassword(bounded(token), password);
                return Pages.seeOther(request, response, "/login?reset");
            } catch (AccountProblem e) {
                if (e.field().filter("token"::equals).isPresent()) {
                    return linkProblem(RESET, "account.reset.title", e, request, response);
                }
                form.refuse(e);
            } catch (ProblemException e) {
                form.refuse(e);
            }
        }
        return Pages.form(RESET, "panel", form, model("account.reset.title"), request, response);
    }

    @GetMapping("/account/verify-email")
    ModelAndView verifyPage(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(required = false) @Nullable String done,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<String, Object> model = model("account.verify.title");
        model.put("done", done != null);
        return Pages.form(VERIFY, "panel", new Form(messages).value("token", token), model, request, response);
    }

    /**
     * Confirming takes a press of a button, not the link alone: mail scanners open links, and a GET
     * that changes something would confirm addresses for them.
     */
    @PostMapping("/account/verify-email")
    ModelAndView verify(
            @RequestParam(defaultValue = "") String token, HttpServletRequest request, HttpServletResponse response) {
        try {
            accounts.verifyEmail(bounded(token));
            return Pages.seeOther(request, response, "/account/verify-email?done");
        } catch (AccountProblem e) {
            return linkProblem(VERIFY, "account.verify.title", e, request, response);
        }
    }

    /** The page says the link does not work (and what to do), with the token's status: 400 or 410. */
    private ModelAndView linkProblem(
            String template,
            String titleKey,
            AccountProblem problem,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<String, Object> model = model(titleKey);
        model.put(
                "linkProblem",
                problem.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        model.put("done", false);
        ModelAndView page = new ModelAndView(Pages.htmx(request) ? template + " :: panel" : template, model);
        page.addObject("form", new Form(messages));
        page.setStatus(Pages.htmx(request) ? HttpStatus.UNPROCESSABLE_CONTENT : problem.status());
        return page;
    }

    private static String bounded(String token) {
        return token.length() > MAX_TOKEN ? "" : token;
    }

    private static Map<String, Object> model(String titleKey) {
        Map<String, Object> model = new HashMap<>();
        model.put("crumbs", List.of(Crumb.key(titleKey, null)));
        return model;
    }
}

package app.dukkan.storefront.account;

import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.AccountSessions;
import app.dukkan.identity.Accounts;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.EmailAddresses;
import app.dukkan.identity.SignUpConsent;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import app.dukkan.storefront.web.PageContext;
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
 * Signing up and signing in, with a password or, for operators, with a link by mail. Signing out is
 * {@code POST /logout}, handled by the page security chain.
 */
@Controller
class SignInPages {

    static final String LOGIN = "storefront/account/login";
    static final String SIGNUP = "storefront/account/signup";
    static final String LINK = "storefront/account/magic-link";

    /** Longer than any token the shop mails (43 characters); longer input is not one. */
    private static final int MAX_TOKEN = 200;

    private final AccountSessions sessions;
    private final Accounts accounts;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    SignInPages(AccountSessions sessions, Accounts accounts, CurrentUser currentUser, MessageSource messages) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/login")
    ModelAndView login(
            @RequestParam(required = false) @Nullable String next,
            @RequestParam(required = false) @Nullable String reset,
            @RequestParam(name = "link-sent", required = false) @Nullable String linkSent,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (currentUser.get().isPresent()) {
            return Pages.seeOther(request, response, Pages.afterSignIn(next));
        }
        Map<String, Object> model = loginModel(next, new Form(messages));
        if (reset != null) {
            model.put("notice", "account.reset.done");
        }
        model.put("linkSent", linkSent != null);
        return Pages.form(LOGIN, "panel", new Form(messages), model, request, response);
    }

    @PostMapping("/login")
    ModelAndView signIn(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) @Nullable String next,
            HttpServletRequest request,
            HttpServletResponse response) {
        Form form = new Form(messages).value("email", email);
        if (email.isBlank()) {
            form.reject("email", "account.error.email-required");
        }
        if (password.isEmpty()) {
            form.reject("password", "account.error.password-required");
        }
        if (form.isValid()) {
            try {
                sessions.signIn(email, password, request, response);
                return Pages.seeOther(request, response, Pages.afterSignIn(next));
            } catch (ProblemException e) {
                form.refuse(e);
            }
        }
        return Pages.form(LOGIN, "panel", form, loginModel(next, new Form(messages)), request, response);
    }

    /**
     * An operator asks for a sign-in link: the same answer (the sign-in page saying that a link is on
     * its way if the address may use one) whatever the address, once it is well-formed. 404 while
     * links are off.
     */
    @PostMapping("/login/link/request")
    ModelAndView requestLink(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(required = false) @Nullable String next,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!accounts.magicLinksEnabled()) {
            throw ProblemException.notFound("page", "/login/link/request");
        }
        Form linkForm = new Form(messages).value("email", email);
        String trimmed = email.strip();
        if (trimmed.isEmpty()) {
            linkForm.reject("email", "account.error.email-required");
        } else if (!EmailAddresses.wellFormed(trimmed)) {
            linkForm.reject("email", "account.error.email-invalid");
        }
        if (linkForm.isValid()) {
            try {
                accounts.requestMagicLink(trimmed, request.getRemoteAddr());
                return Pages.seeOther(request, response, "/login?link-sent");
            } catch (ProblemException e) {
                linkForm.refuse(e);
            }
        }
        // the status is the link form's; the password form stays as it was
        ModelAndView page = Pages.form(LOGIN, "magic-panel", linkForm, loginModel(next, linkForm), request, response);
        page.addObject("form", new Form(messages));
        return page;
    }

    /**
     * The page a mailed sign-in link opens: a button that signs in. Opening it uses nothing (mail
     * scanners open links); a link that would not work says so at once.
     */
    @GetMapping("/login/link")
    ModelAndView linkPage(
            @RequestParam(defaultValue = "") String token, HttpServletRequest request, HttpServletResponse response) {
        try {
            accounts.checkMagicLink(bounded(token));
        } catch (AccountProblem e) {
            return linkProblem(e, request, response);
        }
        return Pages.form(
                LINK,
                "panel",
                new Form(messages).value("token", token),
                model("account.magic.title", null),
                request,
                response);
    }

    /** Uses the link up, signs its operator in and goes to the console. */
    @PostMapping("/login/link")
    ModelAndView signInWithLink(
            @RequestParam(defaultValue = "") String token, HttpServletRequest request, HttpServletResponse response) {
        try {
            sessions.signInWithLink(bounded(token), request, response);
        } catch (AccountProblem e) {
            return linkProblem(e, request, response);
        }
        // the console is not under a language prefix
        return Pages.seeOtherAbsolute(request, response, "/admin");
    }

    /** The link page saying that the link does not work (and what to do), with the token's status: 400 or 410. */
    private ModelAndView linkProblem(AccountProblem problem, HttpServletRequest request, HttpServletResponse response) {
        Map<String, Object> model = model("account.magic.title", null);
        model.put(
                "linkProblem",
                problem.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        ModelAndView page = new ModelAndView(Pages.htmx(request) ? LINK + " :: panel" : LINK, model);
        page.addObject("form", new Form(messages));
        page.setStatus(Pages.htmx(request) ? HttpStatus.UNPROCESSABLE_CONTENT : problem.status());
        return page;
    }

    private static String bounded(String token) {
        return token.length() > MAX_TOKEN ? "" : token;
    }

    /** The sign-in page's model: its title, where to go next and the sign-in link form, if links are on. */
    private Map<String, Object> loginModel(@Nullable String next, Form linkForm) {
        Map<String, Object> model = model("account.login.title", next);
        model.put("magicLinks", accounts.magicLinksEnabled());
        model.put("linkMinutes", accounts.magicLinkTtl().toMinutes());
        model.put("linkForm", linkForm);
        model.putIfAbsent("linkSent", false);
        return model;
    }

    @GetMapping("/signup")
    ModelAndView signUpPage(
            @RequestParam(required = false) @Nullable String next,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (currentUser.get().isPresent()) {
            return Pages.seeOther(request, response, Pages.afterSignIn(next));
        }
        return Pages.form(SIGNUP, "panel", new Form(messages), model("account.signup.title", next), request, response);
    }

    @PostMapping("/signup")
    ModelAndView signUp(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(name = "display_name", defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(name = "accept_privacy_notice", required = false) @Nullable String acceptPrivacyNotice,
            @RequestParam(required = false) @Nullable String marketing,
            @RequestParam(required = false) @Nullable String next,
            HttpServletRequest request,
            HttpServletResponse response) {
        Form form = new Form(messages)
                .value("email", email)
                .value("display_name", displayName)
                .value("accept_privacy_notice", acceptPrivacyNotice == null ? "" : "on")
                .value("marketing", marketing == null ? "" : "on");
        if (email.isBlank()) {
            form.reject("email", "account.error.email-required");
        }
        if (password.isEmpty()) {
            form.reject("password", "account.error.password-required");
        }
        if (acceptPrivacyNotice == null) {
            form.reject("accept_privacy_notice", "account.error.privacy-notice-not-accepted");
            if (!email.isBlank() && !password.isEmpty()) {
                // say at once what else is wrong, rather than one refusal after the other
                try {
                    accounts.checkPassword(password, email);
                } catch (ProblemException e) {
                    form.refuse(e);
                }
            }
        }
        if (form.isValid()) {
            try {
                sessions.signUp(
                        email,
                        password,
                        displayName.isBlank() ? null : displayName,
                        PageContext.language(request).locale(),
                        new SignUpConsent(true, marketing != null, SignUpConsent.Channel.PAGE),
                        request,
                        response);
                String after = Pages.afterSignIn(next);
                return Pages.seeOther(request, response, after.equals("/account") ? "/account?welcome" : after);
            } catch (ProblemException e) {
                form.refuse(e);
            }
        }
        return Pages.form(SIGNUP, "panel", form, model("account.signup.title", next), request, response);
    }

    private static Map<String, Object> model(String titleKey, @Nullable String next) {
        Map<String, Object> model = new HashMap<>();
        model.put("crumbs", List.of(Crumb.key(titleKey, null)));
        String kept = Pages.keptNext(next);
        if (kept != null) {
            model.put("next", kept);
        }
        return model;
    }
}

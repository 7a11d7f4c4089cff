package app.dukkan.storefront.account;

import app.dukkan.identity.AccountSessions;
import app.dukkan.identity.CurrentUser;
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
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Signing up and signing in. Signing out is {@code POST /logout}, handled by the page security chain. */
@Controller
class SignInPages {

    static final String LOGIN = "storefront/account/login";
    static final String SIGNUP = "storefront/account/signup";

    private final AccountSessions sessions;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    SignInPages(AccountSessions sessions, CurrentUser currentUser, MessageSource messages) {
        this.sessions = sessions;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/login")
    ModelAndView login(
            @RequestParam(required = false) @Nullable String next,
            @RequestParam(required = false) @Nullable String reset,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (currentUser.get().isPresent()) {
            return Pages.seeOther(request, response, Pages.afterSignIn(next));
        }
        Map<String, Object> model = model("account.login.title", next);
        if (reset != null) {
            model.put("notice", "account.reset.done");
        }
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
        return Pages.form(LOGIN, "panel", form, model("account.login.title", next), request, response);
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
            @RequestParam(required = false) @Nullable String next,
            HttpServletRequest request,
            HttpServletResponse response) {
        Form form = new Form(messages).value("email", email).value("display_name", displayName);
        if (email.isBlank()) {
            form.reject("email", "account.error.email-required");
        }
        if (password.isEmpty()) {
            form.reject("password", "account.error.password-required");
        }
        if (form.isValid()) {
            try {
                sessions.signUp(
                        email,
                        password,
                        displayName.isBlank() ? null : displayName,
                        PageContext.language(request).locale(),
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

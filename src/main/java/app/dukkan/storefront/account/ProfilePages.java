package app.dukkan.storefront.account;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AccountSessions;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.Accounts;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import app.dukkan.storefront.personal.PersonalSlots;
import app.dukkan.storefront.web.Crumb;
import app.dukkan.storefront.web.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The signed-in shopper's profile: name and language, password, email confirmation, their
 * consents (marketing granted or withdrawn here), and the recently viewed products they can have
 * forgotten.
 */
@Controller
class ProfilePages {

    static final String PROFILE = "storefront/account/profile";

    private final Accounts accounts;
    private final AccountSessions sessions;
    private final AccountDirectory directory;
    private final CurrentUser currentUser;
    private final PersonalSlots personal;
    private final Consents consents;
    private final MessageSource messages;

    ProfilePages(
            Accounts accounts,
            AccountSessions sessions,
            AccountDirectory directory,
            CurrentUser currentUser,
            PersonalSlots personal,
            Consents consents,
            MessageSource messages) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.directory = directory;
        this.currentUser = currentUser;
        this.personal = personal;
        this.consents = consents;
        this.messages = messages;
    }

    @GetMapping("/account")
    ModelAndView profile(
            @RequestParam(required = false) @Nullable String welcome,
            @RequestParam(required = false) @Nullable String saved,
            @RequestParam(name = "password-changed", required = false) @Nullable String passwordChanged,
            @RequestParam(name = "verification-sent", required = false) @Nullable String verificationSent,
            @RequestParam(name = "viewed-cleared", required = false) @Nullable String viewedCleared,
            @RequestParam(name = "consent-saved", required = false) @Nullable String consentSaved) {
        AccountSummary account = account();
        ModelAndView page = page(account, profileForm(account), new Form(messages), new Form(messages));
        page.addObject(
                "notice",
                welcome != null
                        ? "account.profile.welcome"
                        : saved != null
                                ? "account.profile.saved"
                                : passwordChanged != null
                                        ? "account.password.changed"
                                        : verificationSent != null
                                                ? "account.verification.sent"
                                                : viewedCleared != null
                                                        ? "personal.account.cleared"
                                                        : consentSaved != null ? "account.consents.saved" : null);
        return page;
    }

    /** Grants ({@code granted=true}) or withdraws marketing; the same choice again records nothing. */
    @PostMapping("/account/consents/marketing")
    ModelAndView changeMarketing(
            @RequestParam(defaultValue = "") String granted, HttpServletRequest request, HttpServletResponse response) {
        if (!granted.equals("true") && !granted.equals("false")) {
            throw ProblemException.invalid("granted", "must be true or false");
        }
        consents.change(
                subject(),
                Consents.Purpose.MARKETING,
                Boolean.parseBoolean(granted),
                Consents.Channel.WEB,
                request.getRemoteAddr());
        return Pages.seeOther(request, response, "/account?consent-saved");
    }

    private DataSubject subject() {
        return DataSubject.ofAccount(account());
    }

    @PostMapping("/account/profile")
    ModelAndView saveProfile(
            @RequestParam(name = "display_name", defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        AccountSummary account = account();
        Form form = new Form(messages).value("display_name", displayName).value("locale", locale);
        if (displayName.isBlank()) {
            form.reject("display_name", "account.error.display-name-blank");
        }
        Language language = Language.ofTag(locale).orElse(null);
        if (language == null) {
            form.reject("locale", "account.error.unsupported-language");
        }
        if (form.isValid() && language != null) {
            try {
                accounts.updateProfile(account.id(), displayName, language.locale());
                // the shop speaks to the shopper in the chosen language from now on, this page included
                return Pages.seeOtherAbsolute(request, response, language.prefix() + "/account?saved");
            } catch (ProblemException e) {
                form.refuse(e);
            }
        }
        return answer(
                request, response, "profile-panel", page(account, form, new Form(messages), new Form(messages)), form);
    }

    @PostMapping("/account/password")
    ModelAndView changePassword(
            @RequestParam(name = "current_password", defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response) {
        AccountSummary account = account();
        Form form = new Form(messages);
        if (currentPassword.isEmpty()) {
            form.reject("current_password", "account.error.password-required");
        }
        if (password.isEmpty()) {
            form.reject("password", "account.error.password-required");
        }
        if (form.isValid()) {
            try {
                sessions.changePassword(account.id(), currentPassword, password, request);
                return Pages.seeOther(request, response, "/account?password-changed");
            } catch (ProblemException e) {
                form.refuse(e);
            }
        }
        return answer(
                request,
                response,
                "password-panel",
                page(account, profileForm(account), form, new Form(messages)),
                form);
    }

    @PostMapping("/account/verification")
    ModelAndView resendVerification(HttpServletRequest request, HttpServletResponse response) {
        AccountSummary account = account();
        Form form = new Form(messages);
        try {
            accounts.resendVerification(account.id());
            return Pages.seeOther(request, response, "/account?verification-sent");
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.CONFLICT) {
                // confirmed meanwhile (in another tab): the page shows it
                return Pages.seeOther(request, response, "/account");
            }
            form.refuse(e);
        }
        return answer(
                request,
                response,
                "verification-panel",
                page(account, profileForm(account), new Form(messages), form),
                form);
    }

    private AccountSummary account() {
        AuthenticatedUser user = currentUser.require();
        return directory.find(user.id()).orElseThrow(() -> ProblemException.notFound("account", user.id()));
    }

    private Form profileForm(AccountSummary account) {
        return new Form(messages)
                .value("display_name", account.displayName())
                .value("locale", account.locale().getLanguage());
    }

    private ModelAndView page(AccountSummary account, Form profile, Form password, Form verification) {
        ModelAndView page = new ModelAndView(PROFILE);
        page.addObject("account", account);
        page.addObject("languages", List.of(Language.values()));
        page.addObject("profileForm", profile);
        page.addObject("passwordForm", password);
        page.addObject("verificationForm", verification);
        page.addObject("crumbs", List.of(Crumb.key("account.title", null)));
        page.addObject("section", "profile");
        page.addObject("recentlyViewed", personal.forAccount().orElse(null));
        List<Consents.Entry> current = consents.current(DataSubject.ofAccount(account));
        page.addObject(
                "marketing", current.stream().anyMatch(e -> e.purpose() == Consents.Purpose.MARKETING && e.granted()));
        page.addObject(
                "noticeAccepted",
                current.stream()
                        .filter(e -> e.purpose() == Consents.Purpose.PROCESSING && e.granted())
                        .map(Consents.Entry::noticeVersion)
                        .findFirst()
                        .orElse(null));
        return page;
    }

    /** The page with the refused form (or, for htmx, that form's panel) and the form's status. */
    private static ModelAndView answer(
            HttpServletRequest request, HttpServletResponse response, String panel, ModelAndView page, Form form) {
        boolean htmx = Pages.htmx(request);
        if (htmx) {
            page.setViewName(PROFILE + " :: " + panel);
        }
        if (form.retryAfter() != null) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, Long.toString(form.retryAfter().toSeconds()));
        }
        page.setStatus(htmx && form.status().is4xxClientError() ? HttpStatus.UNPROCESSABLE_CONTENT : form.status());
        return page;
    }
}

package app.dukkan.storefront.account;

import app.dukkan.identity.AccountSessions;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.PrivacyRequest;
import app.dukkan.privacy.PrivacyRequests;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The shopper's own data: an export (its page says while it is packed and then offers the link;
 * reloading it is all it takes) and the erasure of their account, confirmed with their password on
 * a page of its own. After an erasure the shopper is signed out and told what happens next.
 */
@Controller
class YourDataPages {

    private final PrivacyRequests privacy;
    private final AccountSessions sessions;
    private final MessageSource messages;

    YourDataPages(PrivacyRequests privacy, AccountSessions sessions, MessageSource messages) {
        this.privacy = privacy;
        this.sessions = sessions;
        this.messages = messages;
    }

    @PostMapping("/account/data/export")
    ModelAndView export(HttpServletRequest request, HttpServletResponse response) {
        PrivacyRequest export = privacy.exportMine();
        return Pages.seeOther(request, response, "/account/data/exports/" + export.id());
    }

    @GetMapping("/account/data/exports/{id}")
    ModelAndView exportStatus(@PathVariable String id) {
        PrivacyRequest export = privacy.mine(uuid(id), PrivacyRequest.Kind.EXPORT);
        ModelAndView page = new ModelAndView("storefront/account/data-export");
        page.addObject("export", export);
        page.addObject("crumbs", crumbs("account.data.export.title"));
        return page;
    }

    @GetMapping("/account/data/erase")
    ModelAndView confirmErasure() {
        return erasePage(new Form(messages));
    }

    @PostMapping("/account/data/erase")
    ModelAndView erase(
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response) {
        Form form = new Form(messages);
        if (password.isEmpty()) {
            form.reject("password", "account.error.password-required");
        }
        if (form.isValid()) {
            try {
                privacy.eraseMine(password, request.getRemoteAddr());
                sessions.signOut(request, response);
                ModelAndView page = new ModelAndView("storefront/account/data-erased");
                page.addObject("crumbs", List.of());
                return page;
            } catch (ProblemException e) {
                if (e.type().equals("erasure-held")) {
                    form.fail(HttpStatus.CONFLICT, "account.data.erase.held");
                } else if (e.type().equals("email-unverified")) {
                    form.fail(HttpStatus.CONFLICT, "account.data.erase.unverified");
                } else {
                    form.refuse(e);
                }
            }
        }
        ModelAndView page = erasePage(form);
        page.setStatus(form.status().is2xxSuccessful() ? HttpStatus.BAD_REQUEST : form.status());
        return page;
    }

    private ModelAndView erasePage(Form form) {
        ModelAndView page = new ModelAndView("storefront/account/data-erase");
        page.addObject("eraseForm", form);
        page.addObject("crumbs", crumbs("account.data.erase.title"));
        return page;
    }

    private static List<Crumb> crumbs(String title) {
        return List.of(Crumb.key("account.title", "/account"), Crumb.key(title, null));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("export", id);
        }
    }
}

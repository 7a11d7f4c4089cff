package app.dukkan.admin.mailbox;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.notifications.Mailbox;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The development mailbox in the console: the mails kept instead of sent (no SMTP server), newest
 * first with a recipient filter, and one mail with its HTML part in an empty sandbox (no scripts,
 * forms, navigation or access to the console) and its text part. 404 while mail goes out over SMTP.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class MailboxPages {

    private static final int PAGE_SIZE = 25;

    private final Mailbox mailbox;

    MailboxPages(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/admin/mailbox")
    String list(
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        requireEnabled();
        String filter = to == null ? "" : to.strip();
        int current = Math.max(0, Math.min(page, 100_000));
        model.addAttribute("to", filter);
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.people.nav.mailbox", null)));
        if (filter.length() > 254) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "console.people.mailbox.error.to");
            model.addAttribute("mails", new Mailbox.Page(List.of(), 0, PAGE_SIZE, 0));
            model.addAttribute("pager", new Pager(null, null, null));
            return "admin/mailbox";
        }
        Mailbox.Page mails = mailbox.list(filter.isEmpty() ? null : filter, current, PAGE_SIZE);
        model.addAttribute("mails", mails);
        model.addAttribute("pager", Pager.numbered(request, current, (long) (current + 1) * PAGE_SIZE < mails.total()));
        return "admin/mailbox";
    }

    @GetMapping("/admin/mailbox/{id}")
    String show(@PathVariable String id, Model model) {
        requireEnabled();
        Mailbox.Message mail =
                parse(id).flatMap(mailbox::find).orElseThrow(() -> ProblemException.notFound("mail", id));
        model.addAttribute("mail", mail);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.people.nav.mailbox", "/admin/mailbox"), Crumb.text(mail.subject(), null)));
        return "admin/mailbox-message";
    }

    private void requireEnabled() {
        if (!mailbox.enabled()) {
            throw ProblemException.notFound("mailbox", "development");
        }
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}

package app.dukkan.notifications.web;

import app.dukkan.notifications.mail.DevMailbox;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The development mailbox as pages, for an admin signed in with the session cookie (e.g. through
 * {@code /api/docs}). A mail's HTML part is shown in a sandboxed frame without scripts.
 */
@Controller
@Hidden
class MailboxPageController {

    private static final int PAGE_SIZE = 50;

    private final MailboxAccess access;

    MailboxPageController(MailboxAccess access) {
        this.access = access;
    }

    @GetMapping("/admin/mailbox")
    String list(
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        DevMailbox mailbox = access.require();
        int current = Math.max(0, Math.min(page, 100000));
        String filter = to == null || to.isBlank() ? null : to.trim();
        if (filter != null && filter.length() > 254) {
            throw ProblemException.invalid("to", "at most 254 characters");
        }
        DevMailbox.Page found = mailbox.list(filter, current, PAGE_SIZE);
        model.addAttribute("mails", found);
        model.addAttribute("to", filter == null ? "" : filter);
        model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < found.total());
        return "admin/mailbox";
    }

    @GetMapping("/admin/mailbox/{id}")
    String show(@PathVariable UUID id, Model model) {
        DevMailbox mailbox = access.require();
        model.addAttribute("mail", mailbox.find(id).orElseThrow(() -> ProblemException.notFound("mail", id)));
        return "admin/mailbox-message";
    }
}

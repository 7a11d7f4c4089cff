package app.dukkan.notifications.web;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.notifications.mail.DevMailbox;
import app.dukkan.notifications.mail.MailTransport;
import app.dukkan.platform.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may read the development mailbox: nobody when mail goes out over SMTP (404), and otherwise
 * only a signed-in admin (401 / 403): stored mails hold password-reset, verification and sign-in links.
 */
@Component
class MailboxAccess {

    private final MailTransport transport;
    private final CurrentUser currentUser;

    MailboxAccess(MailTransport transport, CurrentUser currentUser) {
        this.transport = transport;
        this.currentUser = currentUser;
    }

    DevMailbox require() {
        if (!(transport instanceof DevMailbox mailbox)) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "mailbox-off",
                    "No development mailbox",
                    "Mail goes out over SMTP (spring.mail.host is set); nothing is kept here",
                    List.of());
        }
        AuthenticatedUser user = currentUser.require();
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only admins read the development mailbox");
        }
        return mailbox;
    }
}

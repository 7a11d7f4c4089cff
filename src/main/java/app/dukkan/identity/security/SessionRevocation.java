package app.dukkan.identity.security;

import app.dukkan.identity.account.AccessChanged;
import app.dukkan.identity.account.PasswordChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends the sessions of an account, in the transaction of the change that requires it: either both
 * happen or neither. A session keeps the roles it signed in with, so a change of roles ends the
 * sessions to take effect at once; so do a disabled account and a new password. (Spring Session's
 * repository would delete in a transaction of its own, so this deletes the stored sessions
 * directly, by Spring Session's principal-name index; their attributes go with them. The next
 * request with such a session's cookie finds no session and is anonymous.)
 */
@Component
class SessionRevocation {

    private final JdbcClient jdbc;

    SessionRevocation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A disabled account or new roles: every session of the account ends. */
    @EventListener
    void on(AccessChanged changed) {
        jdbc.sql("delete from spring_session where principal_name = ?")
                .param(changed.email())
                .update();
    }

    /** A new password ends every session of the account but the one that changed it. */
    @EventListener
    void on(PasswordChanged changed) {
        if (changed.keepSession() == null) {
            jdbc.sql("delete from spring_session where principal_name = ?")
                    .param(changed.email())
                    .update();
        } else {
            jdbc.sql("delete from spring_session where principal_name = ? and session_id <> ?")
                    .params(changed.email(), changed.keepSession())
                    .update();
        }
    }
}

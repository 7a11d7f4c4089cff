package app.dukkan.identity.security;

import app.dukkan.identity.account.PasswordChanged;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends every session of an account. A session keeps the roles it signed in with, so a change of
 * roles must end the sessions to take effect at once.
 */
@Component
public class SessionRevocation {

    /** Absent when the application runs a command without a web server, and so without sessions. */
    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;

    private final JdbcClient jdbc;

    SessionRevocation(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions, JdbcClient jdbc) {
        this.sessions = sessions;
        this.jdbc = jdbc;
    }

    /** @return how many sessions were ended */
    public int revokeAll(String email) {
        FindByIndexNameSessionRepository<? extends Session> repository = sessions.getIfAvailable();
        if (repository == null) {
            return 0;
        }
        var found = repository.findByPrincipalName(email);
        found.keySet().forEach(repository::deleteById);
        return found.size();
    }

    /**
     * A new password ends every session of the account but the one that changed it, in the
     * transaction that sets the password: either both happen or neither. (Spring Session's
     * repository would delete in a transaction of its own, so this deletes the stored sessions
     * directly; their attributes go with them.)
     */
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

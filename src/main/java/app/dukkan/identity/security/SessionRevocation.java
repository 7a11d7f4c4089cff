package app.dukkan.identity.security;

import org.springframework.beans.factory.ObjectProvider;
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

    SessionRevocation(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions) {
        this.sessions = sessions;
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
}

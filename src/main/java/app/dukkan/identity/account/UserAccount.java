package app.dukkan.identity.account;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.Set;

/** A stored account. The password hash never leaves the identity module. */
public record UserAccount(
        UserId id,
        String email,
        String displayName,
        String passwordHash,
        boolean enabled,
        Set<Role> roles,
        Instant createdAt) {

    public AuthenticatedUser asAuthenticated() {
        return new AuthenticatedUser(id, email, roles);
    }
}

package app.dukkan.identity.account;

import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A stored account. The password hash never leaves the identity module. */
public record UserAccount(
        UserId id,
        String email,
        String displayName,
        String passwordHash,
        boolean enabled,
        Set<Role> roles,
        Instant createdAt,
        Locale locale,
        @Nullable Instant emailVerifiedAt) {

    public AuthenticatedUser asAuthenticated() {
        return new AuthenticatedUser(id, email, roles);
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public AccountSummary summary() {
        return new AccountSummary(id, email, displayName, locale, emailVerified());
    }
}

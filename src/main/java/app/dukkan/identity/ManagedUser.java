package app.dukkan.identity;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An account as operators see it in the console. The disabling fields are set while the account is
 * {@link UserStatus#DISABLED} and null while it is active ({@code disabledBy} and {@code
 * disabledByEmail} also when the operator who disabled it no longer has an account).
 */
public record ManagedUser(
        UserId id,
        String email,
        String displayName,
        Set<Role> roles,
        UserStatus status,
        @Nullable String disabledReason,
        @Nullable Instant disabledAt,
        @Nullable UserId disabledBy,
        @Nullable String disabledByEmail,
        Instant createdAt,
        boolean emailVerified,
        Locale locale) {

    public ManagedUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Closed for an erasure of its personal data: for good, no operator enables it again. */
    public boolean closedForErasure() {
        return status == UserStatus.DISABLED && "erasure".equals(disabledReason);
    }
}

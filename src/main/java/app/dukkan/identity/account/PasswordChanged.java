package app.dukkan.identity.account;

import app.dukkan.identity.UserId;
import org.jspecify.annotations.Nullable;

/**
 * An account's password was replaced (published in the changing transaction): its sessions, signed
 * in with the old password, must end, except {@code keepSession} (the session that changed it), if
 * given.
 */
public record PasswordChanged(
        UserId user, String email, @Nullable String keepSession) {}

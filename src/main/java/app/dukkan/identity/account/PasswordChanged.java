package app.dukkan.identity.account;

import app.dukkan.identity.UserId;

/**
 * An account's password was replaced (published in the changing transaction): its sessions, signed
 * in with the old password, must end.
 */
public record PasswordChanged(UserId user, String email) {}

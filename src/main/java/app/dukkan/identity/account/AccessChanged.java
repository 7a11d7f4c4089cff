package app.dukkan.identity.account;

import app.dukkan.identity.UserId;

/**
 * An operator disabled an account or changed its roles (published in the changing transaction):
 * every session of the account must end in that transaction, so that its next request is anonymous.
 */
public record AccessChanged(UserId user, String email) {}

package app.dukkan.identity;

import java.util.Locale;

/** A new account; published in the transaction that created it. */
public record UserRegistered(UserId user, String email, Locale locale) {}

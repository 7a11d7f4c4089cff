package app.dukkan.identity;

import java.util.Locale;

/** What other modules may know about an account, e.g. to address a mail in the user's language. */
public record AccountSummary(UserId id, String email, String displayName, Locale locale, boolean emailVerified) {}

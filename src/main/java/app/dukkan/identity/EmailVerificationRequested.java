package app.dukkan.identity;

import java.time.Instant;
import java.util.Locale;

/** An account's email must be confirmed: {@code token} goes into the mailed link, valid until {@code expiresAt}. */
public record EmailVerificationRequested(UserId user, String email, String token, Instant expiresAt, Locale locale) {}

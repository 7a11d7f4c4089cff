package app.dukkan.identity;

import java.time.Instant;
import java.util.Locale;

/**
 * Someone asked to reset the password of an existing account. {@code token} is the single-use secret
 * for the mailed link (only its hash is stored); it expires at {@code expiresAt}.
 */
public record PasswordResetRequested(UserId user, String email, String token, Instant expiresAt, Locale locale) {}

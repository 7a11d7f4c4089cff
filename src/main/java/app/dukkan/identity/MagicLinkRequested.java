package app.dukkan.identity;

import java.time.Instant;
import java.util.Locale;

/**
 * An operator asked for a sign-in link by mail: {@code token} is the single-use secret of the link
 * (only its hash is stored), valid until {@code expiresAt}. Published in the transaction that stored
 * it.
 */
public record MagicLinkRequested(UserId user, String email, String token, Instant expiresAt, Locale locale) {}

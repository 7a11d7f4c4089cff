package app.dukkan.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * Hands out URLs for stored files that anyone holding them may fetch until they expire: an
 * HMAC-SHA256 over the key and the expiry, checked by {@code GET /files/signed/{key}}. The secret is
 * {@code dukkan.storage.signing-secret}, or one generated once and kept in the database, so every
 * instance accepts what any instance signed.
 */
public interface SignedUrls {

    /** A URL path with its query (relative to the shop's base URL) and when it stops working. */
    record SignedUrl(String path, Instant expiresAt) {}

    SignedUrl sign(String key, Duration validFor);

    /** Signs until an exact instant (also one in the past, to show that expired links are refused). */
    SignedUrl signUntil(String key, Instant expiresAt);
}

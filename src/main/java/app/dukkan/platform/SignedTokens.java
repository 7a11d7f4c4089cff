package app.dukkan.platform;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Tokens that carry a short value until they expire, for links handed to customers outside the shop's
 * pages (a payment link sent in a chat): {@code {value}.{expiry in epoch seconds}.{HMAC-SHA256,
 * base64url}}, signed with the key of {@link SignedUrls} for one {@code purpose}, so a token of one
 * purpose (or a file URL's signature) is never accepted for another. Every instance accepts what any
 * instance signed.
 */
public interface SignedTokens {

    /**
     * A token for {@code value} until {@code expiresAt}; the value may hold only letters, digits,
     * {@code -} and {@code _} (a UUID, say) and at most 200 of them.
     */
    String sign(String purpose, String value, Instant expiresAt);

    /** The signed value and its expiry; the signature is checked before the expiry is believed. */
    Verified verify(String purpose, String token);

    enum Verdict {
        VALID,
        /** not a token of this purpose signed by this shop (also one that is malformed) */
        TAMPERED,
        /** signed by this shop, but past its expiry */
        EXPIRED
    }

    /** {@code value} and {@code expiresAt} are null unless the signature is valid. */
    record Verified(
            Verdict verdict,
            @Nullable String value,
            @Nullable Instant expiresAt) {

        public static Verified tampered() {
            return new Verified(Verdict.TAMPERED, null, null);
        }
    }
}

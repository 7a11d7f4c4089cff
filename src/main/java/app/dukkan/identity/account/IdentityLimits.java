package app.dukkan.identity.account;

import app.dukkan.identity.limits.RateLimit;
import app.dukkan.identity.limits.RateLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * The account limits of {@code dukkan.identity.*-limits}, shared by all instances. Email addresses
 * are kept in the limits' table only as SHA-256 hashes.
 */
@Component
public class IdentityLimits {

    private final RateLimit signIn;
    private final RateLimit signUp;
    private final RateLimit resetPerClient;
    private final RateLimit resetPerEmail;
    private final RateLimit magicLinkPerClient;
    private final RateLimit magicLinkPerEmail;

    IdentityLimits(RateLimits limits, IdentityProperties properties) {
        var signIns = properties.signInLimits();
        var signUps = properties.signUpLimits();
        var resets = properties.resetLimits();
        this.signIn = limits.limit("sign-in", signIns.perIp(), signIns.window());
        this.signUp = limits.limit("sign-up", signUps.perIp(), signUps.window());
        this.resetPerClient = limits.limit("password reset", resets.perIp(), resets.window());
        this.resetPerEmail = limits.limit("password reset mail", resets.perEmail(), resets.window());
        var links = properties.magicLink();
        this.magicLinkPerClient = limits.limit("sign-in link", links.perIp(), links.window());
        this.magicLinkPerEmail = limits.limit("sign-in link mail", links.perEmail(), links.window());
    }

    /** Counts a sign-in attempt (or a check of the current password) of the client address, or 429. */
    public void signInAttempt(String clientAddress) {
        signIn.acquire(clientAddress);
    }

    void signUpAttempt(String clientAddress) {
        signUp.acquire(clientAddress);
    }

    void resetRequest(String clientAddress) {
        resetPerClient.acquire(clientAddress);
    }

    /** Counts a reset mail to this (normalized) email and answers true, or false past its limit. */
    boolean resetMailAllowed(String normalizedEmail) {
        return resetPerEmail.tryAcquire(sha256(normalizedEmail));
    }

    /**
     * Counts a sign-in link request of the client address (429 past its limit) and of the
     * (normalized) email: true while the email's limit allows a mail. Past that the answer stays
     * the same, as for password resets: a 429 would let anyone keep an operator from their links.
     */
    boolean magicLinkRequest(String clientAddress, String normalizedEmail) {
        magicLinkPerClient.acquire(clientAddress);
        return magicLinkPerEmail.tryAcquire(sha256(normalizedEmail));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

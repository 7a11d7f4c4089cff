package app.dukkan.platform.storage;

import app.dukkan.platform.SignedUrls;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/** Signs {@code /files/signed/{key}?expires={epoch seconds}&signature={HMAC-SHA256, base64url}}. */
@Component
class HmacSignedUrls implements SignedUrls {

    static final String PATH_PREFIX = "/files/signed/";

    enum Verdict {
        VALID,
        TAMPERED,
        EXPIRED
    }

    private final SigningSecret secret;
    private final Clock clock;

    HmacSignedUrls(SigningSecret secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    @Override
    public SignedUrl sign(String key, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("a signed URL must be valid for some time");
        }
        return signUntil(key, clock.instant().plus(validFor));
    }

    @Override
    public SignedUrl signUntil(String key, Instant expiresAt) {
        FileKeys.requireSafe(key);
        long expires = expiresAt.getEpochSecond();
        return new SignedUrl(
                PATH_PREFIX + key + "?expires=" + expires + "&signature=" + signature(key, expires),
                Instant.ofEpochSecond(expires));
    }

    /** Checks the signature first: an expiry is only believed when it was signed. */
    Verdict verify(String key, long expires, String signature) {
        byte[] expected = signature(key, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.TAMPERED;
        }
        return clock.instant().getEpochSecond() >= expires ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String signature(String key, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v1\n" + key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

package app.dukkan.platform.storage;

import app.dukkan.platform.SignedTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * {@link SignedTokens} under the file URLs' key; the signed text starts with {@code token}, the
 * purpose and the value, so it can never be the text of a file URL ({@code v1}).
 */
@Component
class HmacSignedTokens implements SignedTokens {

    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final Pattern TOKEN =
            Pattern.compile("([A-Za-z0-9_-]{1,200})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

    private final SigningSecret secret;
    private final Clock clock;

    HmacSignedTokens(SigningSecret secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    @Override
    public String sign(String purpose, String value, Instant expiresAt) {
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("a signed value holds 1 to 200 letters, digits, '-' and '_'");
        }
        long expires = expiresAt.getEpochSecond();
        return value + "." + expires + "." + signature(purpose, value, expires);
    }

    @Override
    public Verified verify(String purpose, String token) {
        Matcher parts = TOKEN.matcher(token);
        if (!parts.matches()) {
            return Verified.tampered();
        }
        String value = parts.group(1);
        long expires = Long.parseLong(parts.group(2));
        byte[] expected = signature(purpose, value, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Verified.tampered();
        }
        Instant expiresAt = Instant.ofEpochSecond(expires);
        return new Verified(clock.instant().isBefore(expiresAt) ? Verdict.VALID : Verdict.EXPIRED, value, expiresAt);
    }

    private String signature(String purpose, String value, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            byte[] digest =
                    mac.doFinal(("token\n" + purpose + "\n" + value + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

package app.dukkan.privacy.request;

import app.dukkan.platform.GeneratedSecrets;
import app.dukkan.privacy.DataSubject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Remembers a person by a keyed hash (HMAC-SHA256) of their email, or of their phone when there is
 * no email, never by the address itself: enough to answer a repeated erasure with the first one.
 */
@Component
class SubjectHashes {

    static final String SECRET_NAME = "privacy-subject";

    private final PrivacyProperties properties;
    private final GeneratedSecrets secrets;

    SubjectHashes(PrivacyProperties properties, GeneratedSecrets secrets) {
        this.properties = properties;
        this.secrets = secrets;
    }

    byte[] of(DataSubject subject) {
        String email = subject.email();
        String text = email != null && !email.isBlank()
                ? "email:" + email.strip().toLowerCase(Locale.ROOT)
                : "phone:" + String.valueOf(subject.phone()).replaceAll("[^0-9+]", "");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private byte[] key() {
        String configured = properties.subjectKey();
        return configured != null && !configured.isBlank()
                ? configured.getBytes(StandardCharsets.UTF_8)
                : secrets.key(SECRET_NAME);
    }
}

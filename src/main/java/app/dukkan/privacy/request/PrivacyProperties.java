package app.dukkan.privacy.request;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dukkan.privacy.*}.
 *
 * @param exportUrlTtl how long the link to an export's package works
 * @param exportRetention how long an export's package is kept after it was made
 * @param subjectKey the HMAC key of the hashes that remember a person after an erasure (at least 32
 *     characters, from the environment); without it one is generated once and kept in the database
 */
@ConfigurationProperties("dukkan.privacy")
record PrivacyProperties(
        @DefaultValue("24h") Duration exportUrlTtl,
        @DefaultValue("7d") Duration exportRetention,
        @Nullable String subjectKey) {

    PrivacyProperties {
        if (exportUrlTtl.isNegative() || exportUrlTtl.isZero()) {
            throw new IllegalArgumentException("dukkan.privacy.export-url-ttl must be positive");
        }
        if (exportRetention.isNegative() || exportRetention.isZero()) {
            throw new IllegalArgumentException("dukkan.privacy.export-retention must be positive");
        }
        if (subjectKey != null && !subjectKey.isBlank() && subjectKey.length() < 32) {
            throw new IllegalArgumentException("dukkan.privacy.subject-key must have at least 32 characters");
        }
    }
}

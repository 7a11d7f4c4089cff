package app.dukkan.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An export or erasure of a person's data and how far it got: each module's part pending, done or
 * failed. It never names the person; a completed export offers its package by a signed link.
 *
 * @param download a completed export's package, a link valid until its expiry; null otherwise
 */
public record PrivacyRequest(
        UUID id,
        Kind kind,
        Status status,
        boolean selfService,
        Instant createdAt,
        @Nullable Instant completedAt,
        List<Part> parts,
        @Nullable Download download) {

    public enum Kind {
        EXPORT,
        ERASURE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Status {
        /** Parts are still pending. */
        RUNNING,
        /** Every part is done. */
        COMPLETED,
        /** A part's job failed for good (a dead letter); requeueing it resumes the request. */
        FAILED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A module's part: {@code pending}, {@code done} or {@code failed}. */
    public record Part(String name, String status, @Nullable Instant completedAt) {}

    /** A path on this shop (with its signature) and when it stops working. */
    public record Download(String url, Instant expiresAt) {}

    public long count(String partStatus) {
        return parts.stream().filter(part -> part.status().equals(partStatus)).count();
    }
}

package app.dukkan.privacy.request;

import app.dukkan.privacy.PrivacyRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A request as the JSON API shows it: its parts, how many are done, pending and failed, and an export's link. */
record PrivacyRequestResponse(
        UUID id,
        String kind,
        String status,
        boolean selfService,
        Instant createdAt,
        @Nullable Instant completedAt,
        Progress progress,
        List<PrivacyRequest.Part> parts,
        @Nullable String downloadUrl,
        @Nullable Instant downloadExpiresAt) {

    record Progress(long done, long pending, long failed) {}

    static PrivacyRequestResponse of(PrivacyRequest request) {
        PrivacyRequest.Download download = request.download();
        return new PrivacyRequestResponse(
                request.id(),
                request.kind().code(),
                request.status().code(),
                request.selfService(),
                request.createdAt(),
                request.completedAt(),
                new Progress(request.count("done"), request.count("pending"), request.count("failed")),
                request.parts(),
                download == null ? null : download.url(),
                download == null ? null : download.expiresAt());
    }
}

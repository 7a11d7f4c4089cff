package app.dukkan.privacy;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Exports (P2) and erasures (P3) of a person's data, asked for by the person or by an operator,
 * for the JSON API and the pages alike. Requests are written to the audit log with ids and counts
 * only. A person the shop knows nothing of is 404 {@code not-found}, and nothing is queued.
 */
public interface PrivacyRequests {

    /** The longest operator's reason for an erasure, in characters. */
    int MAX_REASON_LENGTH = 500;

    /**
     * Packs everything the shop holds about the signed-in customer into one JSON file, in a job;
     * while an export of theirs runs, asking again answers that one. 401 without a signed-in user.
     */
    PrivacyRequest exportMine();

    /**
     * Erases the signed-in customer after checking their password again (400 {@code
     * wrong-current-password} naming {@code password}, counted against the sign-in limit): the
     * account is closed at once and each module's part is erased by a job of its own. A second
     * request answers the first. Call it outside a transaction.
     */
    PrivacyRequest eraseMine(String password, String clientAddress);

    /**
     * An operator's export of the person with this email or phone (one of them at least; 400
     * naming {@code email} or {@code phone} when malformed). Administrators only (403).
     */
    PrivacyRequest export(@Nullable String email, @Nullable String phone);

    /**
     * An operator's erasure of the person with this email or phone, with a reason (1 to {@link
     * #MAX_REASON_LENGTH} characters, else 400 naming {@code reason}). Idempotent per person, as
     * {@link #eraseMine}. Administrators only (403); an operator cannot erase their own account here
     * (409 {@code self-erasure}).
     */
    PrivacyRequest erase(@Nullable String email, @Nullable String phone, String reason);

    /** A request of the signed-in user of this kind; 404 for anyone else's. */
    PrivacyRequest mine(UUID id, PrivacyRequest.Kind kind);

    /** Any request of this kind, for operators; 404 when there is none. Administrators only. */
    PrivacyRequest find(UUID id, PrivacyRequest.Kind kind);

    /** Any request, for operators; 404 when there is none. Administrators only. */
    PrivacyRequest find(UUID id);

    /** The latest requests, newest first, at most {@code limit} (1 to 100). Administrators only. */
    List<PrivacyRequest> recent(int limit);
}

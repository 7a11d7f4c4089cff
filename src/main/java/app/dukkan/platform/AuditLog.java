package app.dukkan.platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The append-only record of what operators did: who, what, to which target, when, why and from
 * where. A module writes an entry in the transaction of the action it records, so an action and
 * its entry are kept or lost together.
 */
public interface AuditLog {

    /** One recorded action; {@code actorId} and {@code actor} are null for the system itself. */
    record Entry(
            UUID id,
            Instant at,
            @Nullable UUID actorId,
            @Nullable String actor,
            String action,
            String targetType,
            String targetId,
            @Nullable String reason,
            Map<String, Object> details,
            @Nullable String clientAddress) {}

    /** What to look for; null fields match everything. */
    record Query(
            @Nullable UUID actorId,
            @Nullable String action,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable Instant from,
            @Nullable Instant to) {

        public static Query all() {
            return new Query(null, null, null, null, null, null);
        }
    }

    /** A page of entries, newest first; {@code next} continues after the last one, null at the end. */
    record Page(List<Entry> items, @Nullable String next) {}

    /**
     * Records an action of the current request's user (the system's when nobody is signed in), with
     * the client's address. {@code action} is a dotted name ({@code product.archived}),
     * {@code details} a few values that explain it (never secrets).
     */
    void record(String action, String targetType, String targetId, @Nullable String reason, Map<String, ?> details);

    /**
     * Redacts a person for an erasure, in the caller's transaction: whatever {@code pattern} matches
     * (a PostgreSQL regular expression of what names them, e.g. their email, phone and name, applied
     * case-insensitively) in the actor, reason and the details' string values of any entry becomes
     * {@code [erased]}, and entries the person acted in lose their actor's name and client address.
     * The entries stay.
     *
     * @return how many entries changed
     */
    int redact(@Nullable UUID person, String pattern);

    /**
     * Entries matching {@code query}, newest first, at most {@code limit}, after {@code cursor} (a
     * previous page's {@code next}).
     *
     * @throws ProblemException 400 for a malformed cursor
     */
    Page find(Query query, @Nullable String cursor, int limit);
}

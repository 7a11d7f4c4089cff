package app.dukkan.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The queue operators work through, for the admin API and the console: content that rules flagged
 * or hid and content people reported, with the reports, and the actions on it. Admins only (403
 * for anyone else, 401 without a user). Every action is written to the audit log in its
 * transaction ({@code moderation.restored}, {@code moderation.removed}, {@code moderation.warned},
 * {@code moderation.author-disabled}, target type {@code moderation-entry}).
 */
public interface ModerationQueue {

    /** The largest page. */
    int MAX_PAGE_SIZE = 50;

    /** The longest reason of an action, and of a report's note. */
    int MAX_REASON = 500;

    List<String> STATES = List.of("open", "resolved");

    /** What operators do with an entry. */
    List<String> ACTIONS = List.of("restore", "remove", "warn", "disable-author");

    /** Why people report content. */
    List<String> REPORT_REASONS = List.of("spam", "harassment", "hate", "nudity", "violence", "scam", "other");

    record Report(
            UUID id,
            UUID reporterId,
            String reason,
            @Nullable String note,
            Instant createdAt) {}

    /**
     * One item in the queue.
     *
     * @param kind {@code post}, {@code comment}, {@code review} or {@code profile}
     * @param reason {@code rule} (a rule flagged or hid it) or {@code reports}
     * @param rules the names of the rules that matched when it was last screened
     * @param excerpt the text the entry was raised for (flagged, hidden or reported), shortened
     * @param editedExcerpt the text its author changed the item to since, which a restore would show;
     *     null while it reads as the excerpt
     * @param path where the item is shown in the shop (without language prefix), when known
     * @param hidden whether it is hidden pending review
     * @param reportCount reports since the entry was last resolved
     * @param resolution what the operator did: {@code restored}, {@code removed}, {@code warned},
     *     {@code author-disabled}, or {@code deleted} by its author; null while open
     */
    record Entry(
            UUID id,
            String kind,
            UUID itemId,
            UUID authorId,
            String state,
            String reason,
            List<String> rules,
            String excerpt,
            @Nullable String editedExcerpt,
            @Nullable String path,
            boolean hidden,
            int reportCount,
            @Nullable String resolution,
            Instant createdAt,
            Instant updatedAt,
            List<Report> reports) {}

    /** A page of entries, most recently changed first; {@code next} continues it, null at the end. */
    record Page(List<Entry> items, @Nullable String next) {}

    /**
     * Entries in {@code state} (default {@code open}) of {@code kind} (any when null), {@code limit}
     * (1 to {@link #MAX_PAGE_SIZE}) of them after {@code cursor}; 400 naming the parameter for a
     * state, kind or cursor that is not valid.
     */
    Page find(@Nullable String state, @Nullable String kind, @Nullable String cursor, int limit);

    Optional<Entry> entry(UUID id);

    /**
     * Acts on an open entry and resolves it: {@code restore} shows the item again, {@code remove}
     * deletes it, {@code warn} tells its author ({@link AuthorWarned}), {@code disable-author}
     * disables the author's account (every session ends). {@code reason} is required (1 to {@link
     * #MAX_REASON} characters). 404 for an unknown entry, 400 for an unknown action or a missing
     * reason, 409 {@code entry-resolved} for an entry already resolved.
     */
    Entry act(UUID entryId, String action, String reason);
}

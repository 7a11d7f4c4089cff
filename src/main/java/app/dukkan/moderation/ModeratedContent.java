package app.dukkan.moderation;

import app.dukkan.identity.UserId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Implemented by the module that owns a kind of content, as a bean: moderation finds items for
 * reports and the queue, and hides, restores or removes them, without knowing their tables.
 */
public interface ModeratedContent {

    ContentKind kind();

    /**
     * A summary of the item as moderation shows it.
     *
     * @param key the item's id, or for a profile its handle as in a URL
     */
    Optional<Summary> find(String key);

    default Optional<Summary> find(UUID id) {
        return find(id.toString());
    }

    /**
     * The item as {@link #find(String)} answers it, locked until the transaction ends together with
     * whatever its owner locks first when changing it. Moderation takes this lock before the item's
     * queue entry, as the owner's own changes do (they lock the item, then screen it), so the two
     * never wait on each other in opposite orders.
     */
    Optional<Summary> lock(UUID id);

    /**
     * Moves the item to {@code to} when it is in one of {@code from}; false when it is not (moved
     * already, or deleted by its author). Which moves there are is moderation's: the three below.
     */
    boolean move(UUID id, Set<State> from, State to);

    /** Hidden from everyone but its author until an operator restores it. */
    default boolean hide(UUID id) {
        return move(id, EnumSet.of(State.VISIBLE), State.HIDDEN);
    }

    /** Visible again, after a hide or an operator's removal. */
    default boolean restore(UUID id) {
        return move(id, EnumSet.of(State.HIDDEN, State.REMOVED), State.VISIBLE);
    }

    /** Deleted by an operator: gone from every page and feed. */
    default boolean remove(UUID id) {
        return move(id, EnumSet.of(State.VISIBLE, State.HIDDEN), State.REMOVED);
    }

    /** A key that is an id, as a UUID; empty for anything else (a handle, a mistyped id). */
    static Optional<UUID> id(String key) {
        try {
            return key.length() == 36 ? Optional.of(UUID.fromString(key)) : Optional.empty();
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** A text shortened to the length summaries show, counted in characters (code points). */
    static String excerpt(String text) {
        int length = 200;
        return text.codePointCount(0, text.length()) <= length
                ? text
                : text.substring(0, text.offsetByCodePoints(0, length - 1)) + "…";
    }

    /**
     * One item.
     *
     * @param excerpt its text, shortened, as it is stored
     * @param path where it is shown in the shop, without language prefix (e.g. {@code /posts/…})
     * @param visibleTo whether a given viewer (null: a stranger) may see it, and so report it
     */
    record Summary(ContentRef ref, UserId author, String excerpt, String path, State state) {}

    /** The states moderation moves content between; owners store them as {@link #code()}. */
    enum State {
        VISIBLE,
        HIDDEN,
        REMOVED;

        /** visible, hidden or removed. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state of a stored status; a status of the owner's own (deleted by its author) is REMOVED. */
        public static State of(String status) {
            return switch (status) {
                case "visible" -> VISIBLE;
                case "hidden" -> HIDDEN;
                default -> REMOVED;
            };
        }

        /** The codes of some states, for a query's {@code status = any(…)}. */
        public static List<String> codes(Set<State> states) {
            return states.stream().map(State::code).toList();
        }
    }

    /** Whether the viewer may see the item (and so report it): its author, or anyone while it is visible. */
    static boolean visibleTo(Summary summary, @Nullable UserId viewer) {
        return summary.state() == State.VISIBLE
                || (summary.state() == State.HIDDEN && summary.author().equals(viewer));
    }
}

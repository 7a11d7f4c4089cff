package app.dukkan.moderation;

import app.dukkan.identity.UserId;
import java.util.Optional;
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

    /** Hidden from everyone but its author until an operator restores it. */
    void hide(UUID id);

    /** Visible again. */
    void restore(UUID id);

    /** Deleted by an operator: gone from every page and feed. */
    void remove(UUID id);

    /**
     * One item.
     *
     * @param excerpt its text, shortened, as it is stored
     * @param path where it is shown in the shop, without language prefix (e.g. {@code /posts/…})
     * @param visibleTo whether a given viewer (null: a stranger) may see it, and so report it
     */
    record Summary(ContentRef ref, UserId author, String excerpt, String path, State state) {}

    enum State {
        VISIBLE,
        HIDDEN,
        REMOVED
    }

    /** Whether the viewer may see the item (and so report it): its author, or anyone while it is visible. */
    static boolean visibleTo(Summary summary, @Nullable UserId viewer) {
        return summary.state() == State.VISIBLE
                || (summary.state() == State.HIDDEN && summary.author().equals(viewer));
    }
}

package app.dukkan.moderation;

import app.dukkan.identity.UserId;
import java.util.Collection;
import java.util.List;

/** Checks what people write against the shop's rules, on create and on every edit. */
public interface Moderation {

    /**
     * Screens the texts of one piece of content (e.g. a profile's display name and bio) inside the
     * caller's transaction, which stores the content as {@link Screening#texts()} say and hidden when
     * {@link Screening#hidden()}. A flagged or hidden item is put into the moderation queue in the
     * same transaction (once per item; an edit updates its entry) and {@link ContentFlagged} is
     * published when it enters the queue or gets hidden in it.
     *
     * @throws app.dukkan.platform.ProblemException 422 {@code content-refused} when a {@code block}
     *     rule matches, naming what to change; nothing is recorded
     */
    Screening screen(ContentRef item, UserId author, List<String> texts);

    /** Screens a single text. */
    default Screening screen(ContentRef item, UserId author, String text) {
        return screen(item, author, List.of(text));
    }

    /** The content was deleted by its author or the shop: its queue entry and reports are closed. */
    default void forget(ContentRef item) {
        forget(List.of(item));
    }

    /**
     * Content deleted together, such as a post with its comments or a comment with its replies:
     * their queue entries are closed in one statement.
     */
    void forget(Collection<ContentRef> items);
}

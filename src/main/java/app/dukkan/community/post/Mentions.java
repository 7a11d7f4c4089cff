package app.dukkan.community.post;

import app.dukkan.community.UserMentioned;
import app.dukkan.identity.UserId;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code @handle}s in a new post or comment: {@link UserMentioned} once per member named, not for
 * the writer, only for members who may read the item (no block either way with its writer, the
 * post's author or, for a reply, its thread's author), for at most {@link #MAX_PER_ITEM} members per
 * item.
 */
@Component
class Mentions {

    static final int MAX_PER_ITEM = 10;

    /** A handle after an {@code @} that does not follow a letter or digit (so not in an email address). */
    private static final Pattern MENTION =
            Pattern.compile("(?<![\\p{L}\\p{N}_@.])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])");

    private final PostRepository posts;
    private final ApplicationEventPublisher events;

    Mentions(PostRepository posts, ApplicationEventPublisher events) {
        this.posts = posts;
        this.events = events;
    }

    /**
     * Publishes the mentions of the text, inside the transaction that stored it; the caller calls
     * it only for an item everyone may see.
     *
     * @param authors whose writing the item is read through besides the writer's: the post's
     *     author, and for a reply the author of its top-level comment
     */
    void announce(UserId writer, UUID post, @Nullable UUID comment, Collection<UUID> authors, String text) {
        Set<String> handles = handles(text);
        if (handles.isEmpty()) {
            return;
        }
        Set<UUID> readThrough = new HashSet<>(authors);
        readThrough.add(writer.value());
        Map<String, UUID> members = posts.mentionable(handles, readThrough);
        handles.stream()
                .map(members::get)
                .filter(id -> id != null && !id.equals(writer.value()))
                .limit(MAX_PER_ITEM)
                .forEach(id -> events.publishEvent(new UserMentioned(new UserId(id), writer, post, comment)));
    }

    /** The distinct handles named, lower-cased, in the order they first appear. */
    static Set<String> handles(String text) {
        Set<String> handles = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find() && handles.size() < MAX_PER_ITEM * 3) {
            handles.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return handles;
    }
}

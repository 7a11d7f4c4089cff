package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * In-app notifications: someone followed the member, liked or commented on their post, replied to
 * their comment or mentioned them. Written in the transaction of what caused them, once per
 * recipient, kind, actor and item; never for one's own actions or by someone the recipient blocked.
 */
public interface Notifications {

    /** Who caused a notification, as their profile shows them now. */
    record Actor(
            String handle, String displayName, @Nullable String avatarUrl) {}

    /**
     * One notification.
     *
     * @param kind {@code followed}, {@code liked}, {@code commented}, {@code replied}, {@code mentioned}
     *     or {@code warned}
     * @param actor null for the shop's own (a warning)
     * @param others how many more people did the same to the same post just before (likes and
     *     comments in a row, shown as one: "Layla and 12 others liked your post"); 0 otherwise
     */
    record Notification(
            UUID id,
            String kind,
            @Nullable Actor actor,
            @Nullable UUID post,
            @Nullable UUID comment,
            Instant createdAt,
            boolean read,
            int others) {

        public Notification withOneMore() {
            return new Notification(id, kind, actor, post, comment, createdAt, read, others + 1);
        }
    }

    /**
     * A page of notifications, newest first, likes and comments of a post in a row as one; {@code
     * next} is the cursor of the following page.
     */
    record Page(List<Notification> items, @Nullable String next, int unread) {}

    /** 400 naming {@code cursor} for a cursor this list did not hand out. */
    Page list(UserId recipient, @Nullable String cursor, int limit);

    int unreadCount(UserId recipient);

    /** Marks every notification read, or those up to and including {@code upTo} (404 for someone else's). */
    void markRead(UserId recipient, @Nullable UUID upTo);
}

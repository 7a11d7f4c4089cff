package app.dukkan.community.notice;

import app.dukkan.community.PostCommented;
import app.dukkan.community.PostLiked;
import app.dukkan.community.UserFollowed;
import app.dukkan.community.UserMentioned;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.AuthorWarned;
import app.dukkan.moderation.ContentKind;
import app.dukkan.platform.Ids;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the community's events into notifications in the transaction that published them, so a
 * notification exists exactly when what it tells of does. The repository leaves out one's own
 * actions, actors the recipient blocked and repeats; each of the shop's warnings is its own.
 */
@Component
class NotificationListeners {

    private final NotificationRepository notifications;
    private final Clock clock;

    NotificationListeners(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @EventListener
    void on(UserFollowed event) {
        add(event.followed(), "followed", event.follower(), null, null);
    }

    @EventListener
    void on(PostLiked event) {
        add(event.postAuthor(), "liked", event.liker(), event.post(), null);
    }

    @EventListener
    void on(PostCommented event) {
        UserId parentAuthor = event.parentAuthor();
        // the post's author hears of every comment; the author of a comment replied to, of the reply
        if (parentAuthor == null || !parentAuthor.equals(event.postAuthor())) {
            add(event.postAuthor(), "commented", event.commenter(), event.post(), event.comment());
        }
        if (parentAuthor != null) {
            add(parentAuthor, "replied", event.commenter(), event.post(), event.comment());
        }
    }

    @EventListener
    void on(UserMentioned event) {
        add(event.mentioned(), "mentioned", event.by(), event.post(), event.comment());
    }

    /** The shop's warning has no actor; it names the post or comment it is about (a review or profile: neither). */
    @EventListener
    void on(AuthorWarned event) {
        UUID post = event.item().kind() == ContentKind.POST ? event.item().id() : null;
        UUID comment = event.item().kind() == ContentKind.COMMENT ? event.item().id() : null;
        notifications.add(Ids.newId(clock), event.author().value(), "warned", null, post, comment, clock.instant());
    }

    private void add(UserId recipient, String kind, UserId actor, @Nullable UUID post, @Nullable UUID comment) {
        if (!recipient.equals(actor)) {
            notifications.add(Ids.newId(clock), recipient.value(), kind, actor.value(), post, comment, clock.instant());
        }
    }
}

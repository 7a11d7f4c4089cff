package app.dukkan.community.notice;

import app.dukkan.community.Notifications;
import app.dukkan.community.profile.Cursors;
import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

@Service
class NotificationService implements Notifications {

    private static final int MAX_PAGE = 100;

    private final NotificationRepository notifications;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public Page list(UserId recipient, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
        }
        Cursors.Position after = cursor == null || cursor.isBlank() ? null : Cursors.parse(cursor);
        List<Notification> found = notifications.list(recipient.value(), after, limit + 1);
        int unread = notifications.unread(recipient.value());
        if (found.size() <= limit) {
            return new Page(found, null, unread);
        }
        List<Notification> items = List.copyOf(found.subList(0, limit));
        Notification last = items.get(limit - 1);
        return new Page(items, Cursors.encode(last.createdAt(), last.id()), unread);
    }

    @Override
    public int unreadCount(UserId recipient) {
        return notifications.unread(recipient.value());
    }

    @Override
    public void markRead(UserId recipient, @Nullable UUID upTo) {
        Cursors.Position position = null;
        if (upTo != null) {
            position = new Cursors.Position(
                    notifications
                            .createdAt(recipient.value(), upTo)
                            .orElseThrow(() -> ProblemException.notFound("notification", upTo)),
                    upTo);
        }
        notifications.markRead(recipient.value(), position, clock.instant());
    }
}

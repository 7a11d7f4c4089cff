package app.dukkan.community.notice;

import app.dukkan.community.Notifications;
import app.dukkan.community.profile.Cursors;
import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

@Service
class NotificationService implements Notifications {

    private static final int MAX_PAGE = 100;

    /** The kinds shown together when several people did the same to one post. */
    private static final Set<String> GROUPED = Set.of("liked", "commented");

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
            return new Page(grouped(found), null, unread);
        }
        List<Notification> items = found.subList(0, limit);
        Notification last = items.get(limit - 1);
        return new Page(grouped(items), Cursors.encode(last.createdAt(), last.id()), unread);
    }

    /**
     * Likes, or comments, of one post in a row, all read or all unread, as their newest with how
     * many others came before it on the page.
     */
    static List<Notification> grouped(List<Notification> items) {
        List<Notification> shown = new ArrayList<>();
        for (Notification note : items) {
            Notification previous = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            if (previous != null
                    && GROUPED.contains(note.kind())
                    && note.kind().equals(previous.kind())
                    && note.post() != null
                    && note.post().equals(previous.post())
                    && note.read() == previous.read()) {
                shown.set(shown.size() - 1, previous.withOneMore());
            } else {
                shown.add(note);
            }
        }
        return List.copyOf(shown);
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

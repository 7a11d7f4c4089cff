package app.dukkan.community.notice;

import app.dukkan.community.Notifications;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Community: notifications")
class NotificationController {

    /** What to mark read: every notification, or those up to and including {@code up_to}. */
    record ReadRequest(@Nullable String upTo) {}

    /** The number of unread notifications. */
    record UnreadCount(int unread) {}

    private final Notifications notifications;
    private final CurrentUser currentUser;

    NotificationController(Notifications notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/me/notifications")
    @Operation(
            summary = "Your notifications",
            description = "Newest first: kind (followed, liked, commented, replied, mentioned, warned), the actor's"
                    + " handle, name and avatar, the post and comment concerned, when, whether read; likes, or comments,"
                    + " of one post in a row are one item with `others` counting the people before its actor; with"
                    + " the unread count. `limit` per page (1-100, default 30); pass `next` as `cursor` for the following page"
                    + " (400 for a cursor this list did not hand out). 401 without a session.")
    Notifications.Page list(
            @RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "30") int limit) {
        return notifications.list(currentUser.require().id(), cursor, limit);
    }

    @GetMapping("/api/v1/me/notifications/unread-count")
    @Operation(summary = "How many notifications you have not read", description = "401 without a session.")
    UnreadCount unread() {
        return new UnreadCount(notifications.unreadCount(currentUser.require().id()));
    }

    @PostMapping("/api/v1/me/notifications/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Mark notifications read",
            description = "Without a body or `up_to`, all of them; with `up_to` (a notification's id), that one and"
                    + " every older one. 404 for an id that is not one of yours; 401 without a session.")
    void read(@RequestBody(required = false) @Nullable ReadRequest request) {
        var user = currentUser.require().id();
        UUID upTo = null;
        if (request != null && request.upTo() != null && !request.upTo().isBlank()) {
            try {
                upTo = UUID.fromString(request.upTo().strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("up_to", "must be a notification's id (UUID)");
            }
        }
        notifications.markRead(user, upTo);
    }
}

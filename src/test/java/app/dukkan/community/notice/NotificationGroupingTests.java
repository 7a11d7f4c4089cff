package app.dukkan.community.notice;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.community.Notifications.Actor;
import app.dukkan.community.Notifications.Notification;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Likes, or comments, of one post in a row show as one notification; nothing else is merged. */
class NotificationGroupingTests {

    private static final UUID POST = UUID.randomUUID();
    private static final UUID OTHER_POST = UUID.randomUUID();

    private static Notification note(String kind, String actor, UUID post, boolean read) {
        return new Notification(
                UUID.randomUUID(), kind, new Actor(actor, actor, null), post, null, Instant.EPOCH, read, 0);
    }

    private static List<String> shown(List<Notification> notes) {
        return NotificationService.grouped(notes).stream()
                .map(n -> n.kind() + ":" + n.actor().handle() + "+" + n.others())
                .toList();
    }

    @Test
    void likesOfOnePostInARowAreOneWithTheNewestActor() {
        assertThat(shown(List.of(
                        note("liked", "layla", POST, false),
                        note("liked", "omar", POST, false),
                        note("liked", "sami", POST, false),
                        note("commented", "omar", POST, false),
                        note("commented", "layla", POST, false))))
                .containsExactly("liked:layla+2", "commented:omar+1");
    }

    @Test
    void otherPostsOtherKindsAndReadOnesBreakTheRow() {
        assertThat(shown(List.of(
                        note("liked", "layla", POST, false),
                        note("liked", "omar", OTHER_POST, false),
                        note("liked", "sami", POST, false),
                        note("liked", "nour", POST, true),
                        note("followed", "a", null, false),
                        note("followed", "b", null, false),
                        note("mentioned", "c", POST, false),
                        note("mentioned", "d", POST, false))))
                .containsExactly(
                        "liked:layla+0",
                        "liked:omar+0",
                        "liked:sami+0",
                        "liked:nour+0",
                        "followed:a+0",
                        "followed:b+0",
                        "mentioned:c+0",
                        "mentioned:d+0");
    }
}

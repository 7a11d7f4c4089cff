package app.dukkan.community.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.community.Follows;
import app.dukkan.community.Notifications;
import app.dukkan.community.PostCommented;
import app.dukkan.community.PostLiked;
import app.dukkan.community.Profiles;
import app.dukkan.community.UserMentioned;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.platform.ProblemException;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows and first uses at once, moderation of profiles, and the notifications the community's events write (the posts'
 * events are published here as the posts part publishes them: in a transaction).
 */
@DukkanTest
class PeopleConcurrencyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Follows follows;

    @Autowired
    Notifications notifications;

    @Autowired
    ProfileDirectory directory;

    @Autowired
    Profiles profiles;

    @Autowired
    List<ModeratedContent> contents;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    /** A profile straight in the table, for tests that need many members. */
    private UserId profile() {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        insert into community_profiles (user_id, handle, display_name, created_at, updated_at)
                        values (?, ?, ?, ?, ?)
                        """).params(id, handle(id), "Member", now, now).update();
        return new UserId(id);
    }

    private static String handle(UUID id) {
        return "t_" + id.toString().replace("-", "").substring(0, 20);
    }

    private static String handle(UserId id) {
        return handle(id.value());
    }

    private static <T> List<T> atOnce(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyFollowsAtOnceAreCountedOnceEach() throws Exception {
        UserId star = profile();
        List<UserId> fans = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fans.add(profile());
        }
        var next = new java.util.concurrent.atomic.AtomicInteger();
        atOnce(50, () -> follows.follow(fans.get(next.getAndIncrement()), handle(star), "10.1.0.1"));
        // and every fan twice more, at once: repeats change nothing
        next.set(0);
        atOnce(50, () -> follows.follow(fans.get(next.getAndIncrement() % 50), handle(star), "10.1.0.1"));

        assertThat(count("select follower_count from community_profiles where user_id = ?", star.value()))
                .isEqualTo(50);
        assertThat(count("select count(*) from community_follows where followed_id = ?", star.value()))
                .isEqualTo(50);
        assertThat(count(
                        "select count(*) from community_notifications where recipient_id = ? and kind = 'followed'",
                        star.value()))
                .isEqualTo(50);
        assertThat(count(
                        "select following_count from community_profiles where user_id = ?",
                        fans.get(7).value()))
                .isEqualTo(1);
    }

    @Test
    void followsAndBlocksBetweenTwoMembersAtOnceLeaveCountsThatMatchTheRows() throws Exception {
        UserId layla = profile();
        UserId omar = profile();
        var turn = new java.util.concurrent.atomic.AtomicInteger();
        atOnce(20, () -> {
            try {
                return switch (turn.getAndIncrement() % 4) {
                    case 0 -> follows.follow(layla, handle(omar), "10.1.0.2");
                    case 1 -> follows.follow(omar, handle(layla), "10.1.0.2");
                    case 2 -> follows.block(layla, handle(omar), "10.1.0.2");
                    default -> follows.unblock(layla, handle(omar), "10.1.0.2");
                };
            } catch (ProblemException blocked) {
                return null; // a follow after the block: refused
            }
        });
        for (UserId member : List.of(layla, omar)) {
            assertThat(count("select follower_count from community_profiles where user_id = ?", member.value()))
                    .isEqualTo(count("select count(*) from community_follows where followed_id = ?", member.value()));
            assertThat(count("select following_count from community_profiles where user_id = ?", member.value()))
                    .isEqualTo(count("select count(*) from community_follows where follower_id = ?", member.value()));
        }
    }

    @Test
    void firstUsesAtOnceMakeOneProfile() throws Exception {
        var customer = new CatalogFixtures(port).customer();
        UserId user = new UserId(
                UUID.fromString(customer.get("/api/v1/me").json().get("id").asString()));
        List<String> handles = atOnce(16, () -> directory.ensure(user).handle());
        assertThat(handles).hasSize(16).containsOnly(handles.get(0));
        assertThat(count("select count(*) from community_profiles where user_id = ?", user.value()))
                .isEqualTo(1);
    }

    @Test
    void eventsBecomeNotificationsButNeverForOneselfOrFromTheBlocked() {
        UserId author = profile();
        UserId fan = profile();
        UserId troll = profile();
        UserId replier = profile();
        follows.block(author, handle(troll), "10.1.0.3");
        UUID post = UUID.randomUUID();
        UUID comment = UUID.randomUUID();
        UUID reply = UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.executeWithoutResult(status -> {
            events.publishEvent(new PostLiked(post, author, fan));
            events.publishEvent(new PostLiked(post, author, fan)); // a repeat: one notification
            events.publishEvent(new PostLiked(post, author, author)); // oneself
            events.publishEvent(new PostLiked(post, author, troll)); // blocked
            events.publishEvent(new PostCommented(post, comment, author, fan, null));
            events.publishEvent(new PostCommented(post, reply, author, replier, fan));
            events.publishEvent(new UserMentioned(author, troll, post, null)); // blocked
            events.publishEvent(new UserMentioned(fan, replier, post, reply));
        });
        // a transaction that fails leaves nothing behind
        try {
            transaction.executeWithoutResult(status -> {
                events.publishEvent(new PostLiked(UUID.randomUUID(), author, replier));
                throw new IllegalStateException("the like failed");
            });
        } catch (IllegalStateException expected) {
            // as intended
        }

        var mine = notifications.list(author, null, 30);
        assertThat(mine.items()).extracting(Notifications.Notification::kind).containsExactly("commented", "liked");
        assertThat(mine.items())
                .as("the two comments on the post as one, with one other")
                .extracting(Notifications.Notification::others)
                .containsExactly(1, 0);
        assertThat(mine.items()).allSatisfy(note -> assertThat(note.actor()).isNotNull());
        assertThat(mine.items().get(0).actor().handle()).isEqualTo(handle(replier));
        assertThat(mine.items().get(1).actor().handle()).isEqualTo(handle(fan));
        assertThat(mine.unread()).isEqualTo(3);

        var fans = notifications.list(fan, null, 30);
        assertThat(fans.items())
                .extracting(Notifications.Notification::kind)
                .containsExactlyInAnyOrder("replied", "mentioned");

        // read up to the like, the oldest: the two comments stay unread
        notifications.markRead(author, mine.items().get(1).id());
        assertThat(notifications.unreadCount(author)).isEqualTo(2);
        notifications.markRead(author, null);
        assertThat(notifications.unreadCount(author)).isZero();
    }

    @Test
    void aProfileModerationHidesShowsItsHandleAloneToOthersAndRemovalMakesItA404() {
        ModeratedContent moderated = contents.stream()
                .filter(content -> content.kind() == ContentKind.PROFILE)
                .findFirst()
                .orElseThrow();
        UserId layla = profile();
        UserId stranger = profile();
        assertThat(moderated.find(handle(layla)).orElseThrow().state()).isEqualTo(ModeratedContent.State.VISIBLE);

        assertThat(moderated.hide(layla.value())).isTrue();
        assertThat(moderated.hide(layla.value())).as("hidden already").isFalse();
        assertThat(moderated.find(layla.value()).orElseThrow().state()).isEqualTo(ModeratedContent.State.HIDDEN);
        Profiles.Profile seen = profiles.profile(handle(layla), stranger);
        assertThat(seen.displayName()).isEqualTo(handle(layla));
        assertThat(seen.hidden()).isTrue();
        assertThat(profiles.profile(handle(layla), layla).displayName()).isEqualTo("Member");
        assertThat(directory.authors(List.of(layla)).get(layla).displayName()).isEqualTo(handle(layla));

        moderated.remove(layla.value());
        assertThatThrownBy(() -> profiles.profile(handle(layla), stranger)).isInstanceOf(ProblemException.class);
        assertThat(profiles.profile(handle(layla), layla).hidden()).isTrue();
        moderated.restore(layla.value());
        assertThat(profiles.profile(handle(layla), stranger).displayName()).isEqualTo("Member");
        assertThat(moderated.hide(UUID.randomUUID())).isFalse();
    }

    private int count(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(Integer.class).single();
    }
}

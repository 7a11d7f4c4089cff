package app.dukkan.community.profile;

import app.dukkan.community.Follows;
import app.dukkan.community.Profiles;
import app.dukkan.community.Profiles.Profile;
import app.dukkan.community.UserFollowed;
import app.dukkan.community.limits.CommunityLimits;
import app.dukkan.community.profile.ProfileRepository.ProfileRow;
import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows and blocks. Each change locks the two profiles' rows (in id order) first, so a follow and
 * a block between the same two members take turns and the counters move with the rows in the same
 * transaction.
 */
@Service
class FollowService implements Follows {

    private static final int MAX_PAGE = 100;

    private final ProfileDirectory directory;
    private final ProfileRepository profiles;
    private final FollowRepository follows;
    private final Profiles views;
    private final CommunityLimits limits;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    FollowService(
            ProfileDirectory directory,
            ProfileRepository profiles,
            FollowRepository follows,
            Profiles views,
            CommunityLimits limits,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.directory = directory;
        this.profiles = profiles;
        this.follows = follows;
        this.views = views;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Profile follow(UserId follower, String handle, String clientAddress) {
        ProfileRow target = other(follower, handle, "follow");
        limits.follow(follower, clientAddress);
        transaction.executeWithoutResult(status -> {
            profiles.lockPair(follower.value(), target.userId());
            if (follows.blockedEitherWay(follower.value(), target.userId())) {
                throw new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "blocked",
                        "Blocked",
                        "You cannot follow @" + target.handle() + ": one of you blocked the other",
                        List.of());
            }
            if (follows.insertFollow(follower.value(), target.userId(), clock.instant())) {
                profiles.countFollow(target.userId(), follower.value(), 1);
                events.publishEvent(new UserFollowed(follower, new UserId(target.userId())));
            }
        });
        return views.profile(target.handle(), follower);
    }

    @Override
    public Profile unfollow(UserId follower, String handle, String clientAddress) {
        ProfileRow target = other(follower, handle, "unfollow");
        limits.follow(follower, clientAddress);
        transaction.executeWithoutResult(status -> {
            profiles.lockPair(follower.value(), target.userId());
            unfollow(follower.value(), target.userId());
        });
        return views.profile(target.handle(), follower);
    }

    @Override
    public Profile block(UserId blocker, String handle, String clientAddress) {
        ProfileRow target = other(blocker, handle, "block");
        limits.follow(blocker, clientAddress);
        transaction.executeWithoutResult(status -> {
            profiles.lockPair(blocker.value(), target.userId());
            if (follows.insertBlock(blocker.value(), target.userId(), clock.instant())) {
                unfollow(blocker.value(), target.userId());
                unfollow(target.userId(), blocker.value());
            }
        });
        return views.profile(target.handle(), blocker);
    }

    @Override
    public Profile unblock(UserId blocker, String handle, String clientAddress) {
        ProfileRow target = other(blocker, handle, "unblock");
        limits.follow(blocker, clientAddress);
        follows.deleteBlock(blocker.value(), target.userId());
        return views.profile(target.handle(), blocker);
    }

    @Override
    public People followers(String handle, @Nullable String cursor, int limit) {
        return page(handle, cursor, limit, true);
    }

    @Override
    public People following(String handle, @Nullable String cursor, int limit) {
        return page(handle, cursor, limit, false);
    }

    private People page(String handle, @Nullable String cursor, int limit, boolean followers) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
        }
        Cursors.Position after = cursor == null || cursor.isBlank() ? null : Cursors.parse(cursor);
        ProfileRow member = visible(handle);
        List<Person> found = followers
                ? follows.followers(member.userId(), after, limit + 1)
                : follows.following(member.userId(), after, limit + 1);
        if (found.size() <= limit) {
            return new People(found, null);
        }
        List<Person> items = found.subList(0, limit);
        Person last = items.get(limit - 1);
        return new People(List.copyOf(items), Cursors.encode(last.since(), last.id()));
    }

    private void unfollow(UUID follower, UUID followed) {
        if (follows.deleteFollow(follower, followed)) {
            profiles.countFollow(followed, follower, -1);
        }
    }

    /** The profile with this handle, which must be someone else's; the actor's own is made if needed. */
    private ProfileRow other(UserId actor, String handle, String what) {
        ProfileRow target = visible(handle);
        if (target.userId().equals(actor.value())) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "self",
                    "Not yourself",
                    "You cannot " + what + " yourself",
                    List.of());
        }
        directory.ensure(actor);
        return target;
    }

    private ProfileRow visible(String handle) {
        return profiles.byHandle(handle.toLowerCase(Locale.ROOT))
                .filter(row -> !"removed".equals(row.status()))
                .orElseThrow(() -> ProblemException.notFound("profile", handle));
    }
}

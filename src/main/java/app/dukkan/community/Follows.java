package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who follows whom, and blocks. Follows and blocks are idempotent: a repeat changes nothing and
 * answers the same. A block removes the follows between the two members both ways and keeps the
 * blocked member from following or mentioning the blocker; posts and comments between them are
 * hidden from each other (read {@code community_blocks}).
 */
public interface Follows {

    /** One member in a follower or following list. */
    record Person(
            UUID id,
            String handle,
            String displayName,
            @Nullable String avatarUrl,
            Instant since) {}

    /**
     * A page of a list, newest first.
     *
     * @param next the cursor of the following page; null on the last
     */
    record People(List<Person> items, @Nullable String next) {}

    /*
     * Each change counts against the follow limits of the member and of the client address
     * (dukkan.community.limits.follows; 429 with Retry-After) and answers the profile as the member
     * sees it now.
     */

    /** Follows the member with this handle: 422 for oneself, 403 when either blocked the other. */
    Profiles.Profile follow(UserId follower, String handle, String clientAddress);

    Profiles.Profile unfollow(UserId follower, String handle, String clientAddress);

    /** Blocks the member, ending the follows between the two both ways; 422 for oneself. */
    Profiles.Profile block(UserId blocker, String handle, String clientAddress);

    Profiles.Profile unblock(UserId blocker, String handle, String clientAddress);

    /** Who follows the member, newest first; 400 naming {@code cursor} for a cursor this list did not hand out. */
    People followers(String handle, @Nullable String cursor, int limit);

    /** Whom the member follows, newest first. */
    People following(String handle, @Nullable String cursor, int limit);
}

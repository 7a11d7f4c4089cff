package app.dukkan.community.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often members may write ({@code dukkan.community.limits.*}); the defaults are in {@code
 * application.yaml}.
 *
 * @param posts new posts
 * @param images pictures uploaded for posts
 * @param comments new comments and replies
 * @param edits changes of a post's or a comment's text
 * @param likes likes and unlikes
 * @param follows follows, unfollows, blocks and unblocks
 * @param profileChanges changes of a member's handle, name, bio or avatar
 * @param reviews new reviews and edits
 */
@ConfigurationProperties("dukkan.community.limits")
record CommunityLimitsProperties(
        Limit posts,
        Limit images,
        Limit comments,
        Limit edits,
        Limit likes,
        Limit follows,
        Limit profileChanges,
        Limit reviews) {

    /**
     * @param perUser writes of one member per window
     * @param perAddress writes from one client address per window
     */
    record Limit(int perUser, int perAddress, Duration window) {}
}

package app.dukkan.community.limits;

import app.dukkan.identity.UserId;
import app.dukkan.identity.limits.MemberLimit;
import app.dukkan.identity.limits.RateLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The community's write limits, counted in PostgreSQL for all instances together, per member and
 * per client address; each is checked before its write's transaction, and past one the write is
 * refused with 429 and {@code Retry-After}.
 */
@Component
@EnableConfigurationProperties(CommunityLimitsProperties.class)
public class CommunityLimits {

    private final MemberLimit posts;
    private final MemberLimit images;
    private final MemberLimit comments;
    private final MemberLimit edits;
    private final MemberLimit likes;
    private final MemberLimit follows;
    private final MemberLimit profileChanges;
    private final MemberLimit reviews;

    CommunityLimits(RateLimits limits, CommunityLimitsProperties properties) {
        this.posts = limit(limits, "post", properties.posts());
        this.images = limit(limits, "post picture", properties.images());
        this.comments = limit(limits, "comment", properties.comments());
        this.edits = limit(limits, "edit", properties.edits());
        this.likes = limit(limits, "like", properties.likes());
        this.follows = limit(limits, "follow", properties.follows());
        this.profileChanges = limit(limits, "profile change", properties.profileChanges());
        this.reviews = limit(limits, "review", properties.reviews());
    }

    private static MemberLimit limit(RateLimits limits, String name, CommunityLimitsProperties.Limit limit) {
        return limits.perMember(name, limit.perUser(), limit.perAddress(), limit.window());
    }

    public void post(UserId member, String clientAddress) {
        posts.acquire(member, clientAddress);
    }

    public void image(UserId member, String clientAddress) {
        images.acquire(member, clientAddress);
    }

    public void comment(UserId member, String clientAddress) {
        comments.acquire(member, clientAddress);
    }

    /**
     * A change of a post's or a comment's text: each is screened again and may put the item back
     * into the moderation queue, so edits are counted like new writes.
     */
    public void edit(UserId member, String clientAddress) {
        edits.acquire(member, clientAddress);
    }

    /** A like or an unlike. */
    public void like(UserId member, String clientAddress) {
        likes.acquire(member, clientAddress);
    }

    /** A follow, unfollow, block or unblock. */
    public void follow(UserId member, String clientAddress) {
        follows.acquire(member, clientAddress);
    }

    /** A change of the member's profile texts or avatar. */
    public void profileChange(UserId member, String clientAddress) {
        profileChanges.acquire(member, clientAddress);
    }

    /** A new review or an edit. */
    public void review(UserId member, String clientAddress) {
        reviews.acquire(member, clientAddress);
    }
}

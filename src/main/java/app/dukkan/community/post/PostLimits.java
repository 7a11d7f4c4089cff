package app.dukkan.community.post;

import app.dukkan.identity.UserId;
import app.dukkan.identity.limits.MemberLimit;
import app.dukkan.identity.limits.RateLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The write limits of posts, pictures, comments and likes; each checked before its transaction. */
@Component
@EnableConfigurationProperties(PostLimitsProperties.class)
class PostLimits {

    private final MemberLimit posts;
    private final MemberLimit images;
    private final MemberLimit comments;
    private final MemberLimit likes;

    PostLimits(RateLimits limits, PostLimitsProperties properties) {
        this.posts = limit(limits, "post", properties.posts());
        this.images = limit(limits, "post picture", properties.images());
        this.comments = limit(limits, "comment", properties.comments());
        this.likes = limit(limits, "like", properties.likes());
    }

    private static MemberLimit limit(RateLimits limits, String name, PostLimitsProperties.Limit limit) {
        return limits.perMember(name, limit.perUser(), limit.perAddress(), limit.window());
    }

    void post(UserId user, String clientAddress) {
        posts.acquire(user, clientAddress);
    }

    void image(UserId user, String clientAddress) {
        images.acquire(user, clientAddress);
    }

    void comment(UserId user, String clientAddress) {
        comments.acquire(user, clientAddress);
    }

    void like(UserId user, String clientAddress) {
        likes.acquire(user, clientAddress);
    }
}

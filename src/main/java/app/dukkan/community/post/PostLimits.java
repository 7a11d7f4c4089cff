package app.dukkan.community.post;

import app.dukkan.identity.UserId;
import app.dukkan.identity.limits.RateLimit;
import app.dukkan.identity.limits.RateLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The write limits of posts, pictures, comments and likes; each checked before its transaction. */
@Component
@EnableConfigurationProperties(PostLimitsProperties.class)
class PostLimits {

    /** One kind of write, limited per member and per client address. */
    record Pair(RateLimit perUser, RateLimit perAddress) {

        void acquire(UserId user, String clientAddress) {
            perUser.acquire(user.value().toString());
            perAddress.acquire(clientAddress);
        }
    }

    private final Pair posts;
    private final Pair images;
    private final Pair comments;
    private final Pair likes;

    PostLimits(RateLimits limits, PostLimitsProperties properties) {
        this.posts = pair(limits, "post", properties.posts());
        this.images = pair(limits, "post picture", properties.images());
        this.comments = pair(limits, "comment", properties.comments());
        this.likes = pair(limits, "like", properties.likes());
    }

    private static Pair pair(RateLimits limits, String name, PostLimitsProperties.Limit limit) {
        return new Pair(
                limits.limit(name, limit.perUser(), limit.window()),
                limits.limit(name + " address", limit.perAddress(), limit.window()));
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

package app.dukkan.community.profile;

import app.dukkan.identity.UserId;
import app.dukkan.identity.limits.RateLimit;
import app.dukkan.identity.limits.RateLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Counts follows and profile changes per member and per client address, before their transaction. */
@Component
@EnableConfigurationProperties(PeopleProperties.class)
class PeopleLimits {

    private final RateLimit followsPerUser;
    private final RateLimit followsPerAddress;
    private final RateLimit changesPerUser;
    private final RateLimit changesPerAddress;

    PeopleLimits(RateLimits limits, PeopleProperties properties) {
        var follows = properties.follows();
        var changes = properties.profileChanges();
        this.followsPerUser = limits.limit("follow", follows.perUser(), follows.window());
        this.followsPerAddress = limits.limit("follow address", follows.perAddress(), follows.window());
        this.changesPerUser = limits.limit("profile change", changes.perUser(), changes.window());
        this.changesPerAddress = limits.limit("profile change address", changes.perAddress(), changes.window());
    }

    /** A follow, unfollow, block or unblock; 429 past the limit. */
    void follow(UserId user, String clientAddress) {
        followsPerUser.acquire(user.toString());
        followsPerAddress.acquire(clientAddress);
    }

    /** A change of the member's profile texts or avatar; 429 past the limit. */
    void profileChange(UserId user, String clientAddress) {
        changesPerUser.acquire(user.toString());
        changesPerAddress.acquire(clientAddress);
    }
}

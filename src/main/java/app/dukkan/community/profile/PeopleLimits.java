package app.dukkan.community.profile;

import app.dukkan.identity.UserId;
import app.dukkan.identity.limits.MemberLimit;
import app.dukkan.identity.limits.RateLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Counts follows and profile changes per member and per client address, before their transaction. */
@Component
@EnableConfigurationProperties(PeopleProperties.class)
class PeopleLimits {

    private final MemberLimit follows;
    private final MemberLimit changes;

    PeopleLimits(RateLimits limits, PeopleProperties properties) {
        var follows = properties.follows();
        var changes = properties.profileChanges();
        this.follows = limits.perMember("follow", follows.perUser(), follows.perAddress(), follows.window());
        this.changes = limits.perMember("profile change", changes.perUser(), changes.perAddress(), changes.window());
    }

    /** A follow, unfollow, block or unblock; 429 past the limit. */
    void follow(UserId user, String clientAddress) {
        follows.acquire(user, clientAddress);
    }

    /** A change of the member's profile texts or avatar; 429 past the limit. */
    void profileChange(UserId user, String clientAddress) {
        changes.acquire(user, clientAddress);
    }
}

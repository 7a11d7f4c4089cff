package app.dukkan.identity.limits;

import app.dukkan.identity.UserId;

/**
 * A limit of what members write (posts, follows, reviews, reports…), counted per member and per
 * client address, so that neither one account nor many accounts from one address go past it.
 */
public final class MemberLimit {

    private final RateLimit perUser;
    private final RateLimit perAddress;

    MemberLimit(RateLimit perUser, RateLimit perAddress) {
        this.perUser = perUser;
        this.perAddress = perAddress;
    }

    /** Counts one event of the member from the address, or refuses it with 429 and {@code Retry-After}. */
    public void acquire(UserId member, String clientAddress) {
        perUser.acquire(member.value().toString());
        perAddress.acquire(clientAddress);
    }
}

package app.dukkan.community;

import app.dukkan.identity.UserId;

/** Someone followed someone; published in the transaction of the follow (not again for a repeat). */
public record UserFollowed(UserId follower, UserId followed) {}

package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.util.UUID;

/** A like of a post; published once per liker and post, in the transaction of the like. */
public record PostLiked(UUID post, UserId postAuthor, UserId liker) {}

package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.util.List;
import java.util.UUID;

/**
 * A new post readers can see; published once, in the transaction that stored it, or for a post
 * moderation hid at once in the transaction of an operator's first restore.
 */
public record PostPublished(UUID post, UserId author, List<UUID> taggedProducts) {}

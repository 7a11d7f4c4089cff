package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An {@code @handle} in a new post or comment named someone who has not blocked the writer.
 *
 * @param comment set when the mention is in a comment of the post
 */
public record UserMentioned(
        UserId mentioned, UserId by, UUID post, @Nullable UUID comment) {}

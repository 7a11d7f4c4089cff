package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A new comment on a post; published in the transaction that stored it.
 *
 * @param parentAuthor for a reply, the author of the comment replied to
 */
public record PostCommented(
        UUID post,
        UUID comment,
        UserId postAuthor,
        UserId commenter,
        @Nullable UserId parentAuthor) {}

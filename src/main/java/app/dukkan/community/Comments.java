package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Comments on posts, oldest first, with replies one level deep: a reply to a reply becomes a
 * reply to its top-level comment. Only who may see the post may read or write its comments.
 */
public interface Comments {

    int MAX_TEXT = 1_000;
    int DEFAULT_LIMIT = 20;
    int MAX_LIMIT = 50;

    /**
     * A comment as a viewer sees it; {@code replies} empty for a reply.
     *
     * @param parentId the top-level comment a reply belongs to
     */
    record Comment(
            UUID id,
            UUID postId,
            @Nullable UUID parentId,
            Posts.Byline author,
            String text,
            boolean hidden,
            boolean mine,
            Instant createdAt,
            @Nullable Instant editedAt,
            List<Comment> replies) {}

    /** Top-level comments with their replies, and the cursor of the next page (null at the end). */
    record Page(List<Comment> comments, @Nullable String nextCursor) {}

    Page list(UUID postId, @Nullable UserId viewer, @Nullable String cursor, int limit);

    /** One comment as the viewer sees it, without its replies; 404 when they may not see it or its post. */
    Comment get(UUID id, @Nullable UserId viewer);

    /** Writes a comment, screened by moderation; publishes {@link PostCommented} unless moderation hid it. */
    Comment create(UserId author, String clientAddress, UUID postId, String text, @Nullable UUID parentId);

    /** Changes a comment's text, screened again; 403 for someone else's. */
    Comment edit(UserId author, UUID id, String text);

    /** Deletes the author's comment (and its replies from view); 403 for someone else's. */
    void delete(UserId author, UUID id);
}

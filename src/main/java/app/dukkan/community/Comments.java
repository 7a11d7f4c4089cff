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
    /** The replies a page of comments shows under each; the rest come from {@link #replies}. */
    int REPLIES_SHOWN = 10;

    /**
     * A comment as a viewer sees it; {@code replies} empty for a reply.
     *
     * @param parentId the top-level comment a reply belongs to
     * @param replies in a page of comments, the first {@link #REPLIES_SHOWN} the viewer may see
     * @param moreReplies how many more replies the viewer may see than {@code replies} lists
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
            List<Comment> replies,
            int moreReplies) {}

    /** Top-level comments with their replies, and the cursor of the next page (null at the end). */
    record Page(List<Comment> comments, @Nullable String nextCursor) {}

    Page list(UUID postId, @Nullable UserId viewer, @Nullable String cursor, int limit);

    /**
     * The replies to a top-level comment after the cursor, oldest first, in {@link Page#comments};
     * 404 when the viewer may not see the comment or its post (also across a block with its author),
     * or it is a reply itself.
     */
    Page replies(UUID commentId, @Nullable UserId viewer, @Nullable String cursor, int limit);

    /**
     * One comment as the viewer sees it, without its replies; 404 when they may not see it or its
     * post, or when a block either way stands between them and its author; for a reply also when
     * they may not see its top-level comment, under which it is listed.
     */
    Comment get(UUID id, @Nullable UserId viewer);

    /**
     * Writes a comment, screened by moderation; publishes {@link PostCommented} unless moderation hid
     * it or its post (a comment of its author's on it). A reply is refused with 403 {@code blocked} when the writer and the author of the comment
     * or of its thread blocked one another.
     */
    Comment create(UserId author, String clientAddress, UUID postId, String text, @Nullable UUID parentId);

    /**
     * Changes a comment's text, screened again; 403 for someone else's.
     *
     * @param clientAddress counted with the author against the edits limit (429 past it)
     */
    Comment edit(UserId author, String clientAddress, UUID id, String text);

    /** Deletes the author's comment (and its replies from view); 403 for someone else's. */
    void delete(UserId author, UUID id);
}

package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lists of posts, newest first, a page at a time. A cursor names the last post of a page (posts
 * are ordered by their time-ordered ids, which never change), so pages neither skip nor repeat
 * posts while others write; a cursor that does not parse is a 400 {@code invalid-cursor}.
 */
public interface Feed {

    int DEFAULT_LIMIT = 20;
    int MAX_LIMIT = 50;

    /** A page of posts and the cursor of the next one, null at the end. */
    record Page(List<Posts.Post> posts, @Nullable String nextCursor) {}

    /** Posts of the accounts the member follows and their own. */
    Page following(UserId member, @Nullable String cursor, int limit);

    /** Every visible post; the viewer (null: a stranger) does not see those across a block. */
    Page explore(@Nullable UserId viewer, @Nullable String cursor, int limit);

    /** A profile's posts; 404 for an unknown handle and, but for its owner, for a removed profile. */
    Page byAuthor(String handle, @Nullable UserId viewer, @Nullable String cursor, int limit);
}

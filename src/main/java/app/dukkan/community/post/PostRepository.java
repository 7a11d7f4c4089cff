package app.dukkan.community.post;

import app.dukkan.community.Posts;
import app.dukkan.platform.Pictures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Posts, their pictures, tagged products, edits and likes (ADR 0030 explains the feed's queries). */
@Repository
class PostRepository {

    /** A stored post. */
    record PostRow(
            UUID id,
            UUID authorId,
            String text,
            String status,
            int likeCount,
            int commentCount,
            Instant createdAt,
            @Nullable Instant editedAt) {

        boolean visibleTo(@Nullable UUID viewer) {
            return "visible".equals(status) || ("hidden".equals(status) && authorId.equals(viewer));
        }
    }

    /** A picture, uploaded and perhaps used by a post. */
    record ImageRow(
            UUID id,
            UUID ownerId,
            @Nullable UUID postId,
            String sha256,
            int width,
            int height,
            List<Pictures.Rendition> renditions) {}

    private static final TypeReference<List<Pictures.Rendition>> RENDITIONS = new TypeReference<>() {};
    private static final String COLUMNS =
            "p.id, p.author_id, p.text, p.status, p.like_count, p.comment_count, p.created_at, p.edited_at";
    private static final String IMAGE_COLUMNS =
            "id, owner_id, post_id, sha256, width, height, renditions::text as renditions";

    /** Neither has blocked the other: the condition on an author column, for viewer {@code :viewer}. */
    private static final String NOT_BLOCKED = """
            not exists (select 1 from community_blocks b
                        where (b.blocker_id = :viewer and b.blocked_id = %1$s)
                           or (b.blocker_id = %1$s and b.blocked_id = :viewer))""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate snapshot;

    PostRepository(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Stores a new post, published now when it is visible ({@link #publish}). */
    void insert(UUID id, UUID author, String text, String status, Instant now) {
        jdbc.sql("""
                        insert into community_posts (id, author_id, text, status, created_at, published_at)
                        values (:id, :author, :text, :status, :now, case when :status = 'visible' then cast(:now as timestamptz) end)""")
                .param("id", id)
                .param("author", author)
                .param("text", text)
                .param("status", status)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Marks the post published unless it was before; answers whether it was not, so that {@code
     * PostPublished} is announced once per post, when readers first see it.
     */
    boolean publish(UUID id, Instant now) {
        return jdbc.sql("update community_posts set published_at = ? where id = ? and published_at is null")
                        .params(Timestamp.from(now), id)
                        .update()
                == 1;
    }

    Optional<PostRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from community_posts p where p.id = ?")
                .param(id)
                .query(PostRepository::post)
                .optional();
    }

    Optional<PostRow> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from community_posts p where p.id = ? for update")
                .param(id)
                .query(PostRepository::post)
                .optional();
    }

    /** Earlier versions a post keeps: its history stays one short answer however often it is edited. */
    static final int MAX_EARLIER_VERSIONS = 20;

    /**
     * Keeps the current text in the history (the oldest versions beyond the limit go) and stores the
     * new one. A text replaced while the post is hidden is kept out of the public history: readers
     * never saw it, and a restore must not show it to them.
     */
    void edit(UUID id, UUID editId, String text, boolean hidden, Instant now) {
        jdbc.sql("""
                        insert into community_post_edits (id, post_id, text, edited_at, shown)
                        select ?, id, text, ?, status = 'visible' from community_posts where id = ?""").params(editId, Timestamp.from(now), id).update();
        jdbc.sql("""
                        delete from community_post_edits
                        where post_id = :post and id not in (
                            select id from community_post_edits where post_id = :post
                            order by edited_at desc, id desc limit :keep)""").param("post", id).param("keep", MAX_EARLIER_VERSIONS).update();
        jdbc.sql("""
                        update community_posts
                        set text = ?, edited_at = ?,
                            status = case when ? and status = 'visible' then 'hidden' else status end
                        where id = ?""").params(text, Timestamp.from(now), hidden, id).update();
    }

    /** The earlier texts readers saw, newest first. */
    List<Posts.Edit> history(UUID id) {
        return jdbc.sql("""
                        select text, edited_at from community_post_edits where post_id = ? and shown
                        order by edited_at desc, id desc""")
                .param(id)
                .query((rs, row) -> new Posts.Edit(rs.getString("text"), instant(rs, "edited_at")))
                .list();
    }

    /** Moves a post from one of {@code from} to {@code to}; answers whether it did. */
    boolean changeStatus(UUID id, Collection<String> from, String to) {
        return jdbc.sql("update community_posts set status = ? where id = ? and status = any(?)")
                        .params(to, id, from.toArray(String[]::new))
                        .update()
                == 1;
    }

    // the feed (ADR 0030)

    /**
     * Members following at least this many accounts first look for their page among the shop's
     * newest posts ({@link #recentFollowing}): one index probe per followed account costs more
     * than reading the recent posts once.
     */
    static final int MANY_FOLLOWS = 500;

    /** How many of the shop's newest posts {@link #recentFollowing} reads at most, */
    static final int RECENT_SCAN = 10_000;

    /** ... in chunks of this many. */
    private static final int RECENT_CHUNK = 1_000;

    /**
     * The newest posts below the cursor by the accounts the member follows and by the member,
     * hidden ones of the member's own included: for members following many accounts from the shop's
     * recent posts when those hold a whole page, otherwise from the followed authors' posts.
     */
    List<PostRow> following(UUID member, UUID before, int limit) {
        if (followingCount(member) >= MANY_FOLLOWS) {
            Optional<List<PostRow>> recent = recentFollowing(member, before, limit);
            if (recent.isPresent()) {
                return recent.get();
            }
        }
        return followingByAuthor(member, before, limit);
    }

    private int followingCount(UUID member) {
        return jdbc.sql("select following_count from community_profiles where user_id = ?")
                .param(member)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /**
     * {@link #following} from the shop's newest visible posts below the cursor, read newest first
     * in chunks (a backward scan of {@code community_posts_visible_idx}, which holds the author) and
     * matched against the followed accounts in a hash set until a page is found, then merged with
     * the member's own newest. Empty when the first {@link #RECENT_SCAN} posts hold fewer than a
     * page of followed posts and older ones remain: an older followed post could then belong on the
     * page. One read-only snapshot, so the page's rows are the ones the scan saw.
     */
    Optional<List<PostRow>> recentFollowing(UUID member, UUID before, int limit) {
        return recentFollowing(member, before, limit, RECENT_CHUNK, RECENT_SCAN);
    }

    Optional<List<PostRow>> recentFollowing(UUID member, UUID before, int limit, int chunkSize, int scanAtMost) {
        return snapshot.execute(status -> {
            Set<UUID> followed = new HashSet<>(jdbc.sql("select f.followed_id from community_follows f"
                            + " where f.follower_id = :viewer and " + NOT_BLOCKED.formatted("f.followed_id"))
                    .param("viewer", member)
                    .query(UUID.class)
                    .list());
            List<UUID> found = new ArrayList<>();
            UUID below = before;
            int scanned = 0;
            boolean exhausted = false;
            while (found.size() < limit && !exhausted && scanned < scanAtMost) {
                List<UUID[]> chunk = jdbc.sql("""
                                select id, author_id from community_posts
                                where status = 'visible' and id < ?
                                order by id desc
                                limit ?""")
                        .params(below, chunkSize)
                        .query((rs, row) ->
                                new UUID[] {rs.getObject("id", UUID.class), rs.getObject("author_id", UUID.class)})
                        .list();
                for (UUID[] post : chunk) {
                    if (followed.contains(post[1]) && found.size() < limit) {
                        found.add(post[0]);
                    }
                }
                exhausted = chunk.size() < chunkSize;
                scanned += chunk.size();
                if (!chunk.isEmpty()) {
                    below = chunk.get(chunk.size() - 1)[0];
                }
            }
            if (found.size() < limit && !exhausted) {
                return Optional.<List<PostRow>>empty();
            }
            return Optional.of(jdbc.sql("""
                            select * from (
                                select %1$s from community_posts p where p.id = any(:found)
                                union all
                                (select %1$s from community_posts p
                                 where p.author_id = :viewer and p.status in ('visible', 'hidden') and p.id < :before
                                 order by p.id desc
                                 limit :limit)
                            ) page
                            order by id desc
                            limit :limit""".formatted(COLUMNS))
                    .param("found", found.toArray(UUID[]::new))
                    .param("viewer", member)
                    .param("before", before)
                    .param("limit", limit)
                    .query(PostRepository::post)
                    .list());
        });
    }

    /**
     * {@link #following} from the followed authors' posts: one backward index-only scan of {@code
     * community_posts_author_idx} per author gives each author's candidates, the newest {@code
     * limit} of them are the page, and only those rows are read.
     */
    List<PostRow> followingByAuthor(UUID member, UUID before, int limit) {
        return jdbc.sql("""
                        with authors as (
                            select f.followed_id as author_id from community_follows f
                            where f.follower_id = :viewer and %s
                            union all
                            select cast(:viewer as uuid)
                        ),
                        page as (
                            select c.id
                            from authors a
                            cross join lateral (
                                select p.id from community_posts p
                                where p.author_id = a.author_id and p.status in ('visible', 'hidden') and p.id < :before
                                  and (p.status = 'visible' or p.author_id = :viewer)
                                order by p.id desc
                                limit :limit
                            ) c
                            order by c.id desc
                            limit :limit
                        )
                        select %s
                        from page join community_posts p on p.id = page.id
                        order by p.id desc""".formatted(NOT_BLOCKED.formatted("f.followed_id"), COLUMNS))
                .param("viewer", member)
                .param("before", before)
                .param("limit", limit)
                .query(PostRepository::post)
                .list();
    }

    /** Every visible post below the cursor, newest first; none across a block with the viewer. */
    List<PostRow> explore(@Nullable UUID viewer, UUID before, int limit) {
        String blocks = viewer == null ? "" : " and " + NOT_BLOCKED.formatted("p.author_id");
        return jdbc.sql("select " + COLUMNS + """
                         from community_posts p
                        where p.status = 'visible' and p.id < :before""" + blocks + """
                         order by p.id desc
                        limit :limit""")
                .param("viewer", viewer)
                .param("before", before)
                .param("limit", limit)
                .query(PostRepository::post)
                .list();
    }

    /** An author's posts below the cursor, newest first; their hidden ones only for themselves. */
    List<PostRow> byAuthor(UUID author, @Nullable UUID viewer, UUID before, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from community_posts p
                        where p.author_id = :author and p.status in ('visible', 'hidden') and p.id < :before
                          and (p.status = 'visible' or p.author_id = :viewer)
                        order by p.id desc
                        limit :limit""")
                .param("author", author)
                .param("viewer", viewer)
                .param("before", before)
                .param("limit", limit)
                .query(PostRepository::post)
                .list();
    }

    /** Whether either of the two has blocked the other. */
    boolean blockedEitherWay(UUID a, UUID b) {
        return jdbc.sql("""
                        select exists (select 1 from community_blocks
                                       where (blocker_id = ? and blocked_id = ?) or (blocker_id = ? and blocked_id = ?))""").params(a, b, b, a).query(Boolean.class).single();
    }

    // pictures

    void insertUpload(ImageRow row, Instant now) {
        jdbc.sql("""
                        insert into community_post_images (id, owner_id, sha256, width, height, renditions, created_at)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?)""")
                .params(
                        row.id(),
                        row.ownerId(),
                        row.sha256(),
                        row.width(),
                        row.height(),
                        json.writeValueAsString(row.renditions()),
                        Timestamp.from(now))
                .update();
    }

    /** Gives the owner's unused upload to the post; answers whether it was one. */
    boolean claimUpload(UUID imageId, UUID owner, UUID postId, int position) {
        return jdbc.sql("""
                        update community_post_images set post_id = ?, position = ?
                        where id = ? and owner_id = ? and post_id is null""").params(postId, position, imageId, owner).update() == 1;
    }

    boolean hashInUse(String sha256) {
        return jdbc.sql("select exists (select 1 from community_post_images where sha256 = ?)")
                .param(sha256)
                .query(Boolean.class)
                .single();
    }

    /** Uploads no post used, made before {@code before}, oldest first, locked and skipped by other sweeps. */
    List<ImageRow> lockUnusedBefore(Instant before, int limit) {
        return jdbc.sql("select " + IMAGE_COLUMNS + """
                         from community_post_images
                        where post_id is null and created_at < ?
                        order by created_at
                        limit ?
                        for update skip locked""")
                .params(Timestamp.from(before), limit)
                .query(this::image)
                .list();
    }

    /** A member's uploads, used or not, deleted; answers them, for their files. */
    List<ImageRow> deleteImagesOf(UUID owner) {
        return jdbc.sql("delete from community_post_images where owner_id = ? returning " + IMAGE_COLUMNS)
                .param(owner)
                .query(this::image)
                .list();
    }

    void deleteImage(UUID id) {
        jdbc.sql("delete from community_post_images where id = ?").param(id).update();
    }

    /** The pictures of the posts, in their order; one query. */
    Map<UUID, List<ImageRow>> imagesOf(Collection<UUID> posts) {
        Map<UUID, List<ImageRow>> found = new LinkedHashMap<>();
        if (posts.isEmpty()) {
            return found;
        }
        jdbc.sql("select " + IMAGE_COLUMNS
                        + " from community_post_images where post_id = any(?) order by post_id, position")
                .param(posts.toArray(UUID[]::new))
                .query(this::image)
                .list()
                .forEach(image -> found.computeIfAbsent(image.postId(), k -> new ArrayList<>())
                        .add(image));
        return found;
    }

    // tagged products

    void tag(UUID postId, List<UUID> products) {
        for (int i = 0; i < products.size(); i++) {
            jdbc.sql("insert into community_post_products (post_id, product_id, position) values (?, ?, ?)")
                    .params(postId, products.get(i), i)
                    .update();
        }
    }

    /** The products tagged in the posts, in their order; one query. */
    Map<UUID, List<UUID>> productsOf(Collection<UUID> posts) {
        Map<UUID, List<UUID>> found = new LinkedHashMap<>();
        if (posts.isEmpty()) {
            return found;
        }
        jdbc.sql(
                        "select post_id, product_id from community_post_products where post_id = any(?) order by post_id, position")
                .param(posts.toArray(UUID[]::new))
                .query((rs, row) ->
                        Map.entry(rs.getObject("post_id", UUID.class), rs.getObject("product_id", UUID.class)))
                .list()
                .forEach(tag -> found.computeIfAbsent(tag.getKey(), k -> new ArrayList<>())
                        .add(tag.getValue()));
        return found;
    }

    // likes

    /**
     * Likes the post; answers null when the member already liked it, else whether this is the
     * member's first like of it ever (an unlike leaves the row, inactive).
     */
    @Nullable
    Boolean like(UUID post, UUID member, Instant now) {
        Boolean first = jdbc.sql("""
                        insert into community_likes (post_id, user_id, created_at) values (?, ?, ?)
                        on conflict (post_id, user_id) do update set active = true, created_at = excluded.created_at
                            where not community_likes.active
                        returning (xmax = 0) as first""")
                .params(post, member, Timestamp.from(now))
                .query(Boolean.class)
                .optional()
                .orElse(null);
        if (first != null) {
            jdbc.sql("update community_posts set like_count = like_count + 1 where id = ?")
                    .param(post)
                    .update();
        }
        return first;
    }

    /** Takes the member's like back; answers whether there was one. */
    boolean unlike(UUID post, UUID member) {
        boolean was = jdbc.sql("update community_likes set active = false where post_id = ? and user_id = ? and active")
                        .params(post, member)
                        .update()
                == 1;
        if (was) {
            jdbc.sql("update community_posts set like_count = like_count - 1 where id = ?")
                    .param(post)
                    .update();
        }
        return was;
    }

    int likeCount(UUID post) {
        return jdbc.sql("select like_count from community_posts where id = ?")
                .param(post)
                .query(Integer.class)
                .single();
    }

    /** Which of the posts the member likes; one query. */
    Set<UUID> likedBy(@Nullable UUID member, Collection<UUID> posts) {
        if (member == null || posts.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                jdbc.sql("select post_id from community_likes where post_id = any(?) and user_id = ? and active")
                        .params(posts.toArray(UUID[]::new), member)
                        .query(UUID.class)
                        .list());
    }

    // mentions

    /**
     * The members with these handles, by handle, but those removed and those who blocked, or were
     * blocked by, any of the authors; one query.
     */
    Map<String, UUID> mentionable(Collection<String> handles, Collection<UUID> authors) {
        Map<String, UUID> found = new LinkedHashMap<>();
        if (handles.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select c.handle, c.user_id from community_profiles c
                        where c.handle = any(:handles) and c.status <> 'removed'
                          and not exists (select 1 from community_blocks b
                                          where (b.blocker_id = c.user_id and b.blocked_id = any(:authors))
                                             or (b.blocked_id = c.user_id and b.blocker_id = any(:authors)))""")
                .param("handles", handles.toArray(String[]::new))
                .param("authors", authors.toArray(UUID[]::new))
                .query((rs, row) -> Map.entry(rs.getString("handle"), rs.getObject("user_id", UUID.class)))
                .list()
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    private static PostRow post(ResultSet rs, int row) throws SQLException {
        return new PostRow(
                rs.getObject("id", UUID.class),
                rs.getObject("author_id", UUID.class),
                rs.getString("text"),
                rs.getString("status"),
                rs.getInt("like_count"),
                rs.getInt("comment_count"),
                instant(rs, "created_at"),
                nullableInstant(rs, "edited_at"));
    }

    private ImageRow image(ResultSet rs, int row) throws SQLException {
        return new ImageRow(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                rs.getObject("post_id", UUID.class),
                rs.getString("sha256"),
                rs.getInt("width"),
                rs.getInt("height"),
                json.readValue(rs.getString("renditions"), RENDITIONS));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

package app.dukkan.community.post;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Comments. A post's {@code comment_count} counts the comments readers see: visible ones whose
 * top-level comment (for a reply) is visible too, since replies are listed under it. Every change of
 * a comment's status goes through {@link #changeStatus} (or {@link #recount}), which keeps it true.
 */
@Repository
class CommentRepository {

    record CommentRow(
            UUID id,
            UUID postId,
            @Nullable UUID parentId,
            UUID authorId,
            String text,
            String status,
            Instant createdAt,
            @Nullable Instant editedAt) {

        boolean visibleTo(@Nullable UUID viewer) {
            return "visible".equals(status) || ("hidden".equals(status) && authorId.equals(viewer));
        }
    }

    private static final String COLUMNS =
            "c.id, c.post_id, c.parent_id, c.author_id, c.text, c.status, c.created_at, c.edited_at";

    /** What the viewer sees of a comment list: visible ones and their own hidden ones, none across a block. */
    private static final String SEEN = """
            c.status in ('visible', 'hidden') and (c.status = 'visible' or c.author_id = :viewer)
            and not exists (select 1 from community_blocks b
                            where (b.blocker_id = :viewer and b.blocked_id = c.author_id)
                               or (b.blocker_id = c.author_id and b.blocked_id = :viewer))""";

    private final JdbcClient jdbc;

    CommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CommentRow row) {
        jdbc.sql("""
                        insert into community_comments (id, post_id, parent_id, author_id, text, status, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        row.id(),
                        row.postId(),
                        row.parentId(),
                        row.authorId(),
                        row.text(),
                        row.status(),
                        Timestamp.from(row.createdAt()))
                .update();
        if ("visible".equals(row.status())) {
            count(row.postId(), 1);
        }
    }

    Optional<CommentRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from community_comments c where c.id = ?")
                .param(id)
                .query(CommentRepository::row)
                .optional();
    }

    Optional<CommentRow> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from community_comments c where c.id = ? for update")
                .param(id)
                .query(CommentRepository::row)
                .optional();
    }

    void edit(CommentRow comment, String text, boolean hidden, Instant now) {
        jdbc.sql("update community_comments set text = ?, edited_at = ? where id = ?")
                .params(text, Timestamp.from(now), comment.id())
                .update();
        if (hidden) {
            changeStatus(comment.id(), List.of("visible"), "hidden");
        }
    }

    /**
     * Moves the comment (and, when {@code withReplies}, its replies) from one of {@code from} to
     * {@code to}, keeping the post's count of visible comments; answers the ids of those moved.
     */
    List<UUID> changeStatus(UUID id, Collection<String> from, String to, boolean withReplies) {
        List<UUID> moved = new ArrayList<>(move("id = :key", id, from, to));
        if (withReplies) {
            moved.addAll(move("parent_id = :key", id, from, to));
        }
        return moved;
    }

    List<UUID> changeStatus(UUID id, Collection<String> from, String to) {
        return changeStatus(id, from, to, false);
    }

    private List<UUID> move(String which, UUID key, Collection<String> from, String to) {
        record Moved(UUID id, UUID postId, String before) {}
        List<Moved> moved = jdbc.sql("""
                        with old as (
                            select id, post_id, status from community_comments
                            where %s and status = any(:from)
                            for update
                        )
                        update community_comments c set status = :to
                        from old where c.id = old.id
                        returning c.id, old.post_id, old.status""".formatted(which))
                .param("key", key)
                .param("from", from.toArray(String[]::new))
                .param("to", to)
                .query((rs, row) -> new Moved(
                        rs.getObject("id", UUID.class), rs.getObject("post_id", UUID.class), rs.getString("status")))
                .list();
        // a top-level comment takes its replies in and out of sight with it: counted afresh
        if (moved.stream().anyMatch(m -> "visible".equals(m.before()) != "visible".equals(to))) {
            recount(List.of(moved.get(0).postId()));
        }
        return moved.stream().map(Moved::id).toList();
    }

    /** The ids of the post's comments its authors have not deleted. */
    List<UUID> ofPost(UUID postId) {
        return jdbc.sql("select id from community_comments where post_id = ? and status <> 'deleted'")
                .param(postId)
                .query(UUID.class)
                .list();
    }

    /**
     * Sets the posts' {@code comment_count} to what readers see of their comments now; each post's
     * comments are read over {@code community_comments_post_all_idx}.
     */
    static final String RECOUNT = """
            update community_posts p set comment_count = (
                select count(*) from community_comments c
                left join community_comments parent on parent.id = c.parent_id
                where c.post_id = p.id and c.status = 'visible'
                  and (c.parent_id is null or parent.status = 'visible'))
            where p.id = any(:posts)""";

    /** Sets the posts' {@code comment_count} to what readers see of their comments now ({@link #RECOUNT}). */
    void recount(Collection<UUID> postIds) {
        jdbc.sql(RECOUNT).param("posts", postIds.toArray(UUID[]::new)).update();
    }

    /** The post's top-level comments after the cursor, oldest first, as the viewer sees them. */
    List<CommentRow> topLevel(UUID postId, @Nullable UUID viewer, UUID after, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from community_comments c where c.post_id = :post and c.parent_id is null"
                        + " and c.id > :after and " + SEEN + " order by c.id limit :limit")
                .param("post", postId)
                .param("viewer", viewer)
                .param("after", after)
                .param("limit", limit)
                .query(CommentRepository::row)
                .list();
    }

    /** The first replies to each of some comments, and how many the viewer may see of each in all. */
    record FirstReplies(List<CommentRow> rows, Map<UUID, Integer> totals) {}

    /**
     * The first {@code shown} replies to each comment, oldest first, as the viewer sees them, with
     * their number in all; one query, which counts a crowded thread's replies but answers only those
     * shown.
     */
    FirstReplies firstReplies(Collection<UUID> parents, @Nullable UUID viewer, int shown) {
        if (parents.isEmpty()) {
            return new FirstReplies(List.of(), Map.of());
        }
        Map<UUID, Integer> totals = new HashMap<>();
        List<CommentRow> rows = jdbc.sql("select * from (select " + COLUMNS
                        + ", row_number() over (partition by c.parent_id order by c.id) as position,"
                        + " count(*) over (partition by c.parent_id) as total"
                        + " from community_comments c where c.parent_id = any(:parents) and " + SEEN
                        + ") r where r.position <= :shown order by r.parent_id, r.id")
                .param("parents", parents.toArray(UUID[]::new))
                .param("viewer", viewer)
                .param("shown", shown)
                .query((rs, number) -> {
                    CommentRow row = row(rs, number);
                    totals.put(row.parentId(), rs.getInt("total"));
                    return row;
                })
                .list();
        return new FirstReplies(rows, totals);
    }

    /** The replies to the comment after the cursor, oldest first, as the viewer sees them. */
    List<CommentRow> replies(UUID parent, @Nullable UUID viewer, UUID after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from community_comments c where c.parent_id = :parent"
                        + " and c.id > :after and " + SEEN + " order by c.id limit :limit")
                .param("parent", parent)
                .param("viewer", viewer)
                .param("after", after)
                .param("limit", limit)
                .query(CommentRepository::row)
                .list();
    }

    private void count(UUID postId, int delta) {
        jdbc.sql("update community_posts set comment_count = comment_count + ? where id = ?")
                .params(delta, postId)
                .update();
    }

    private static CommentRow row(ResultSet rs, int row) throws SQLException {
        return new CommentRow(
                rs.getObject("id", UUID.class),
                rs.getObject("post_id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                rs.getObject("author_id", UUID.class),
                rs.getString("text"),
                rs.getString("status"),
                PostRepository.instant(rs, "created_at"),
                PostRepository.nullableInstant(rs, "edited_at"));
    }
}

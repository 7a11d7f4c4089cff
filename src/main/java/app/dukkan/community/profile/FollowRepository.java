package app.dukkan.community.profile;

import app.dukkan.community.Follows.Person;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code community_follows} and {@code community_blocks} rows. */
@Repository
class FollowRepository {

    private final JdbcClient jdbc;

    FollowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Answers whether the follow is new. */
    boolean insertFollow(UUID follower, UUID followed, Instant now) {
        return jdbc.sql("""
                                insert into community_follows (follower_id, followed_id, created_at)
                                values (?, ?, ?) on conflict do nothing
                                """).params(follower, followed, Timestamp.from(now)).update() == 1;
    }

    /** Answers whether there was such a follow. */
    boolean deleteFollow(UUID follower, UUID followed) {
        return jdbc.sql("delete from community_follows where follower_id = ? and followed_id = ?")
                        .params(follower, followed)
                        .update()
                == 1;
    }

    /** Whether either blocked the other. */
    boolean blockedEitherWay(UUID a, UUID b) {
        return jdbc.sql("""
                        select exists (select 1 from community_blocks
                                       where (blocker_id = ? and blocked_id = ?) or (blocker_id = ? and blocked_id = ?))
                        """).params(a, b, b, a).query(Boolean.class).single();
    }

    /** Answers whether the block is new. */
    boolean insertBlock(UUID blocker, UUID blocked, Instant now) {
        return jdbc.sql("""
                                insert into community_blocks (blocker_id, blocked_id, created_at)
                                values (?, ?, ?) on conflict do nothing
                                """).params(blocker, blocked, Timestamp.from(now)).update() == 1;
    }

    void deleteBlock(UUID blocker, UUID blocked) {
        jdbc.sql("delete from community_blocks where blocker_id = ? and blocked_id = ?")
                .params(blocker, blocked)
                .update();
    }

    /** Who follows the member, newest first, after the position (exclusive); hidden profiles by handle only. */
    List<Person> followers(UUID member, Cursors.@Nullable Position after, int limit) {
        return people("followed_id", "follower_id", member, after, limit);
    }

    /** Whom the member follows, newest first. */
    List<Person> following(UUID member, Cursors.@Nullable Position after, int limit) {
        return people("follower_id", "followed_id", member, after, limit);
    }

    private List<Person> people(String self, String other, UUID member, Cursors.@Nullable Position after, int limit) {
        // the index (self, created_at desc, other desc) answers the order and the position
        String sql = """
                select p.user_id, p.handle, p.status, p.display_name, p.avatar_url, f.created_at
                from community_follows f join community_profiles p on p.user_id = f.%2$s
                where f.%1$s = :member and p.status <> 'removed' %3$s
                order by f.created_at desc, f.%2$s desc
                limit :limit
                """.formatted(
                        self, other, after == null ? "" : "and (f.created_at, f.%s) < (:at, :id)".formatted(other));
        var statement = jdbc.sql(sql).param("member", member).param("limit", limit);
        if (after != null) {
            statement = statement.param("at", Timestamp.from(after.at())).param("id", after.id());
        }
        return statement
                .query((rs, n) -> {
                    boolean visible = "visible".equals(rs.getString("status"));
                    String handle = rs.getString("handle");
                    return new Person(
                            rs.getObject("user_id", UUID.class),
                            handle,
                            visible ? rs.getString("display_name") : handle,
                            visible ? rs.getString("avatar_url") : null,
                            rs.getTimestamp("created_at").toInstant());
                })
                .list();
    }
}

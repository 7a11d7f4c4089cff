package app.dukkan.community.notice;

import app.dukkan.community.Notifications.Actor;
import app.dukkan.community.Notifications.Notification;
import app.dukkan.community.profile.Cursors;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code community_notifications} rows. */
@Repository
class NotificationRepository {

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes one notification unless the recipient is the actor, has no profile, blocked the actor,
     * or already has the same one.
     */
    void add(
            UUID id,
            UUID recipient,
            String kind,
            @Nullable UUID actor,
            @Nullable UUID post,
            @Nullable UUID comment,
            Instant now) {
        jdbc.sql("""
                        insert into community_notifications (id, recipient_id, kind, actor_id, post_id, comment_id, created_at)
                        select :id, :recipient, :kind, :actor, :post, :comment, :now
                        where exists (select 1 from community_profiles where user_id = :recipient)
                          and (cast(:actor as uuid) is null or (:actor <> :recipient and not exists (
                               select 1 from community_blocks where blocker_id = :recipient and blocked_id = :actor)))
                        on conflict do nothing
                        """)
                .param("id", id)
                .param("recipient", recipient)
                .param("kind", kind)
                .param("actor", actor, java.sql.Types.OTHER)
                .param("post", post, java.sql.Types.OTHER)
                .param("comment", comment, java.sql.Types.OTHER)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The recipient's notifications after the position, newest first, with their actors' profiles. */
    List<Notification> list(UUID recipient, Cursors.@Nullable Position after, int limit) {
        String sql = """
                select n.id, n.kind, n.post_id, n.comment_id, n.created_at, n.read_at,
                       p.handle, p.display_name, p.avatar_url, p.status
                from community_notifications n left join community_profiles p on p.user_id = n.actor_id
                where n.recipient_id = :recipient %s
                order by n.created_at desc, n.id desc
                limit :limit
                """.formatted(after == null ? "" : "and (n.created_at, n.id) < (:at, :id)");
        var statement = jdbc.sql(sql).param("recipient", recipient).param("limit", limit);
        if (after != null) {
            statement = statement.param("at", Timestamp.from(after.at())).param("id", after.id());
        }
        return statement
                .query((rs, n) -> {
                    String handle = rs.getString("handle");
                    boolean visible = "visible".equals(rs.getString("status"));
                    return new Notification(
                            rs.getObject("id", UUID.class),
                            rs.getString("kind"),
                            handle == null
                                    ? null
                                    : new Actor(
                                            handle,
                                            visible ? rs.getString("display_name") : handle,
                                            visible ? rs.getString("avatar_url") : null),
                            rs.getObject("post_id", UUID.class),
                            rs.getObject("comment_id", UUID.class),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("read_at") != null,
                            0);
                })
                .list();
    }

    int unread(UUID recipient) {
        return jdbc.sql("select count(*) from community_notifications where recipient_id = ? and read_at is null")
                .param(recipient)
                .query(Integer.class)
                .single();
    }

    Optional<Instant> createdAt(UUID recipient, UUID id) {
        return jdbc.sql("select created_at from community_notifications where recipient_id = ? and id = ?")
                .params(recipient, id)
                .query((rs, n) -> rs.getTimestamp("created_at").toInstant())
                .optional();
    }

    /** Marks the recipient's unread notifications read, all or those up to a position (inclusive). */
    void markRead(UUID recipient, Cursors.@Nullable Position upTo, Instant now) {
        String sql = """
                update community_notifications set read_at = :now
                where recipient_id = :recipient and read_at is null %s
                """.formatted(upTo == null ? "" : "and (created_at, id) <= (:at, :id)");
        var statement = jdbc.sql(sql).param("recipient", recipient).param("now", Timestamp.from(now));
        if (upTo != null) {
            statement = statement.param("at", Timestamp.from(upTo.at())).param("id", upTo.id());
        }
        statement.update();
    }
}

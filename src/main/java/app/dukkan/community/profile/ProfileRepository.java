package app.dukkan.community.profile;

import app.dukkan.platform.Pictures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code community_profiles} rows with a viewer's relation to them. */
@Repository
class ProfileRepository {

    /** A stored profile. */
    record ProfileRow(
            UUID userId,
            String handle,
            String displayName,
            String bio,
            String status,
            @Nullable String avatarUrl,
            @Nullable String avatarHash,
            List<Pictures.Rendition> renditions,
            int followers,
            int following) {

        boolean visible() {
            return "visible".equals(status);
        }
    }

    /** A profile and how one viewer relates to it. */
    record Viewed(ProfileRow row, boolean followed, boolean blocked, boolean blocksViewer) {}

    /** Stands for "no viewer" in queries: no profile has this id. */
    static final UUID NOBODY = new UUID(0, 0);

    private static final TypeReference<List<Pictures.Rendition>> RENDITIONS = new TypeReference<>() {};
    private static final String COLUMNS = "p.user_id, p.handle, p.display_name, p.bio, p.status, p.avatar_url,"
            + " p.avatar_hash, p.avatar_renditions::text as avatar_renditions, p.follower_count, p.following_count";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProfileRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<ProfileRow> find(UUID user) {
        return jdbc.sql("select " + COLUMNS + " from community_profiles p where p.user_id = ?")
                .param(user)
                .query(this::row)
                .optional();
    }

    /** The profile, its row locked until the transaction ends. */
    Optional<ProfileRow> lock(UUID user) {
        return jdbc.sql("select " + COLUMNS + " from community_profiles p where p.user_id = ? for update")
                .param(user)
                .query(this::row)
                .optional();
    }

    Optional<ProfileRow> byHandle(String handle) {
        return jdbc.sql("select " + COLUMNS + " from community_profiles p where p.handle = ?")
                .param(handle)
                .query(this::row)
                .optional();
    }

    /** The profile with this handle and, in the same statement, whether the viewer follows or blocks it. */
    Optional<Viewed> viewed(String handle, @Nullable UUID viewer) {
        return jdbc.sql("select " + COLUMNS + """
                        ,
                          exists (select 1 from community_follows f
                                  where f.follower_id = :viewer and f.followed_id = p.user_id) as followed,
                          exists (select 1 from community_blocks b
                                  where b.blocker_id = :viewer and b.blocked_id = p.user_id) as blocked,
                          exists (select 1 from community_blocks b
                                  where b.blocker_id = p.user_id and b.blocked_id = :viewer) as blocks_viewer
                        from community_profiles p where p.handle = :handle
                        """)
                .param("viewer", viewer == null ? NOBODY : viewer)
                .param("handle", handle)
                .query((rs, n) -> new Viewed(
                        row(rs, n),
                        rs.getBoolean("followed"),
                        rs.getBoolean("blocked"),
                        rs.getBoolean("blocks_viewer")))
                .optional();
    }

    /** Locks the two profiles' rows in id order, so that follows and blocks between them take turns. */
    void lockPair(UUID a, UUID b) {
        jdbc.sql("select user_id from community_profiles where user_id in (?, ?) order by user_id for update")
                .params(a, b)
                .query(UUID.class)
                .list();
    }

    /** Whether another profile has this handle. */
    boolean handleTaken(String handle, UUID except) {
        return jdbc.sql("select exists (select 1 from community_profiles where handle = ? and user_id <> ?)")
                .params(handle, except)
                .query(Boolean.class)
                .single();
    }

    void updateTexts(UUID user, String handle, String displayName, String bio, boolean hide, Instant now) {
        jdbc.sql("""
                        update community_profiles
                        set handle = ?, display_name = ?, bio = ?, updated_at = ?,
                            status = case when ? and status = 'visible' then 'hidden' else status end
                        where user_id = ?
                        """)
                .params(handle, displayName, bio, Timestamp.from(now), hide, user)
                .update();
    }

    void updateAvatar(UUID user, Pictures.@Nullable Picture picture, Instant now) {
        jdbc.sql("""
                        update community_profiles
                        set avatar_url = ?, avatar_hash = ?, avatar_renditions = ?::jsonb, updated_at = ?
                        where user_id = ?
                        """)
                .params(
                        picture == null ? null : picture.narrowest().url(),
                        picture == null ? null : picture.sha256(),
                        picture == null ? null : json.writeValueAsString(picture.renditions()),
                        Timestamp.from(now),
                        user)
                .update();
    }

    /** Moves the moderation status from one of {@code from} to {@code to}; answers whether it moved. */
    boolean changeStatus(UUID user, Collection<String> from, String to, Instant now) {
        return jdbc.sql(
                                "update community_profiles set status = ?, updated_at = ? where user_id = ? and status = any(?)")
                        .params(to, Timestamp.from(now), user, from.toArray(String[]::new))
                        .update()
                == 1;
    }

    /** Adds {@code delta} to one member's follower count and another's following count. */
    void countFollow(UUID followed, UUID follower, int delta) {
        jdbc.sql("""
                        update community_profiles
                        set follower_count = follower_count + case when user_id = :followed then :delta else 0 end,
                            following_count = following_count + case when user_id = :follower then :delta else 0 end
                        where user_id in (:followed, :follower)
                        """)
                .param("followed", followed)
                .param("follower", follower)
                .param("delta", delta)
                .update();
    }

    boolean avatarInUse(String hash) {
        return jdbc.sql("select exists (select 1 from community_profiles where avatar_hash = ?)")
                .param(hash)
                .query(Boolean.class)
                .single();
    }

    private ProfileRow row(ResultSet rs, int n) throws SQLException {
        String renditions = rs.getString("avatar_renditions");
        return new ProfileRow(
                rs.getObject("user_id", UUID.class),
                rs.getString("handle"),
                rs.getString("display_name"),
                rs.getString("bio"),
                rs.getString("status"),
                rs.getString("avatar_url"),
                rs.getString("avatar_hash"),
                renditions == null ? List.of() : json.readValue(renditions, RENDITIONS),
                rs.getInt("follower_count"),
                rs.getInt("following_count"));
    }
}

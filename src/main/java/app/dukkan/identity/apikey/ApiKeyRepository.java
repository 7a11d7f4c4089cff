package app.dukkan.identity.apikey;

import app.dukkan.identity.ApiKey;
import app.dukkan.identity.ApiKeyId;
import app.dukkan.identity.ApiScope;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored keys: the public id and the SHA-256 of the key, never the key itself. */
@Repository
class ApiKeyRepository {

    private static final String SELECT = """
            select k.id, k.user_id, u.email, k.public_id, k.name, k.scopes, k.created_at, k.expires_at,
                   k.last_used_at, k.revoked_at, k.revoked_reason
            from api_keys k join users u on u.id = k.user_id
            """;

    /**
     * What a request needs to accept a key, read in one statement by the unique public id: the key's
     * hash, scopes and state and its owner's status and roles of the moment.
     */
    record Credential(
            UUID id,
            byte[] hash,
            Set<ApiScope> scopes,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt,
            UserId owner,
            String email,
            boolean ownerEnabled,
            Set<Role> roles) {}

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            UUID id,
            UserId owner,
            String publicId,
            byte[] hash,
            String name,
            Set<ApiScope> scopes,
            Instant now,
            @Nullable Instant expiresAt) {
        jdbc.sql("""
                insert into api_keys (id, user_id, public_id, secret_hash, name, scopes, created_at, expires_at)
                values (:id, :user, :publicId, :hash, :name, :scopes, :now, :expiresAt)""")
                .param("id", id)
                .param("user", owner.value())
                .param("publicId", publicId)
                .param("hash", hash)
                .param("name", name)
                .param("scopes", scopes.stream().map(ApiScope::code).sorted().toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .param("expiresAt", expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
    }

    Optional<Credential> credential(String publicId) {
        return jdbc.sql("""
                        select k.id, k.secret_hash, k.scopes, k.expires_at, k.revoked_at, k.last_used_at,
                               k.user_id, u.email, u.enabled,
                               array(select r.role from user_roles r where r.user_id = u.id) as roles
                        from api_keys k join users u on u.id = k.user_id
                        where k.public_id = ?""")
                .param(publicId)
                .query((rs, row) -> new Credential(
                        rs.getObject("id", UUID.class),
                        rs.getBytes("secret_hash"),
                        scopes(rs.getArray("scopes")),
                        instant(rs.getTimestamp("expires_at")),
                        instant(rs.getTimestamp("revoked_at")),
                        instant(rs.getTimestamp("last_used_at")),
                        new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getString("email"),
                        rs.getBoolean("enabled"),
                        roles(rs.getArray("roles"))))
                .optional();
    }

    /**
     * Records a use, unless one was recorded after {@code since}: of many instances and requests in
     * the same minute, at most one writes.
     */
    void touch(UUID id, Instant now, Instant since) {
        jdbc.sql("""
                        update api_keys set last_used_at = :now
                        where id = :id and (last_used_at is null or last_used_at < :since)""")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("since", Timestamp.from(since))
                .update();
    }

    Optional<ApiKey> find(ApiKeyId id) {
        return jdbc.sql(SELECT + " where k.id = ?")
                .param(id.value())
                .query(this::map)
                .optional();
    }

    /** The key's row locked until the transaction ends. */
    Optional<ApiKey> lock(ApiKeyId id) {
        return jdbc.sql(SELECT + " where k.id = ? for update of k")
                .param(id.value())
                .query(this::map)
                .optional();
    }

    List<ApiKey> ofUser(UserId owner) {
        return jdbc.sql(SELECT + " where k.user_id = ? order by k.created_at desc, k.id desc")
                .param(owner.value())
                .query(this::map)
                .list();
    }

    /**
     * The owner's keys that still work (neither revoked nor expired), for the per-user limit, counted under a lock of the owner's row (in the caller's
     * transaction), so that keys created at once cannot pass the limit together.
     */
    int lockAndCountActive(UserId owner, Instant now) {
        jdbc.sql("select 1 from users where id = ? for update")
                .param(owner.value())
                .query(Integer.class)
                .optional();
        return jdbc.sql("""
                        select count(*) from api_keys
                        where user_id = ? and revoked_at is null and (expires_at is null or expires_at > ?)""")
                .params(owner.value(), Timestamp.from(now))
                .query(Integer.class)
                .single();
    }

    List<ApiKey> page(@Nullable UserId owner, int page, int size) {
        return jdbc.sql(SELECT + (owner == null ? " where true" : " where k.user_id = :owner")
                        + " order by k.created_at desc, k.id desc limit :limit offset :offset")
                .param("owner", owner == null ? null : owner.value())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(this::map)
                .list();
    }

    long count(@Nullable UserId owner) {
        return jdbc.sql("select count(*) from api_keys" + (owner == null ? "" : " where user_id = :owner"))
                .param("owner", owner == null ? null : owner.value())
                .query(Long.class)
                .single();
    }

    void revoke(ApiKeyId id, Instant now, UserId by, @Nullable String reason) {
        jdbc.sql("""
                        update api_keys set revoked_at = :now, revoked_by = :by, revoked_reason = :reason
                        where id = :id and revoked_at is null""")
                .param("now", Timestamp.from(now))
                .param("by", by.value())
                .param("reason", reason)
                .param("id", id.value())
                .update();
    }

    private ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                new ApiKeyId(rs.getObject("id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)),
                rs.getString("email"),
                ApiKeySecrets.prefix(rs.getString("public_id")),
                rs.getString("name"),
                scopes(rs.getArray("scopes")),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")),
                rs.getString("revoked_reason"));
    }

    private static Set<ApiScope> scopes(Array array) throws SQLException {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String code : (String[]) array.getArray()) {
            // a scope this version does not know grants nothing
            ApiScope.fromCode(code).ifPresent(scopes::add);
        }
        return scopes;
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String code : (String[]) array.getArray()) {
            roles.add(Role.fromCode(code));
        }
        return roles;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

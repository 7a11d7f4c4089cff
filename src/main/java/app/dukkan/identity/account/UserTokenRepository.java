package app.dukkan.identity.account;

import app.dukkan.identity.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored tokens: only their SHA-256 hashes, never the secrets themselves. */
@Repository
class UserTokenRepository {

    record StoredToken(
            UUID id,
            TokenPurpose purpose,
            UserId user,
            Instant expiresAt,
            @Nullable Instant usedAt,
            Instant createdAt) {}

    private final JdbcClient jdbc;

    UserTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, TokenPurpose purpose, UserId user, byte[] hash, Instant expiresAt, Instant now) {
        jdbc.sql("""
                insert into user_tokens (id, purpose, user_id, token_hash, expires_at, created_at)
                values (?, ?, ?, ?, ?, ?)
                """)
                .params(id, purpose.code(), user.value(), hash, Timestamp.from(expiresAt), Timestamp.from(now))
                .update();
    }

    /** The token with this hash and purpose, locked until the transaction ends (so it is used at most once). */
    Optional<StoredToken> lockByHash(TokenPurpose purpose, byte[] hash) {
        return byHash(purpose, hash, " for update");
    }

    /** The token with this hash and purpose, unlocked: to look at, not to use. */
    Optional<StoredToken> findByHash(TokenPurpose purpose, byte[] hash) {
        return byHash(purpose, hash, "");
    }

    private Optional<StoredToken> byHash(TokenPurpose purpose, byte[] hash, String lock) {
        return jdbc.sql("""
                select id, user_id, expires_at, used_at, created_at from user_tokens
                where token_hash = ? and purpose = ?""" + lock)
                .params(hash, purpose.code())
                .query((rs, row) -> {
                    Timestamp used = rs.getTimestamp("used_at");
                    return new StoredToken(
                            rs.getObject("id", UUID.class),
                            purpose,
                            new UserId(rs.getObject("user_id", UUID.class)),
                            rs.getTimestamp("expires_at").toInstant(),
                            used == null ? null : used.toInstant(),
                            rs.getTimestamp("created_at").toInstant());
                })
                .optional();
    }

    void markUsed(UUID id, Instant now) {
        jdbc.sql("update user_tokens set used_at = ? where id = ? and used_at is null")
                .params(Timestamp.from(now), id)
                .update();
    }

    /** Ends every unused token of this purpose of the user: a newer one replaces them, or the purpose is fulfilled. */
    int markAllUsed(UserId user, TokenPurpose purpose, Instant now) {
        return jdbc.sql("update user_tokens set used_at = ? where user_id = ? and purpose = ? and used_at is null")
                .params(Timestamp.from(now), user.value(), purpose.code())
                .update();
    }

    /** When the user's tokens of the purpose made since {@code since} were made, oldest first. */
    List<Instant> createdSince(UserId user, TokenPurpose purpose, Instant since) {
        return jdbc.sql("""
                        select created_at from user_tokens
                        where user_id = ? and purpose = ? and created_at >= ? order by created_at""")
                .params(user.value(), purpose.code(), Timestamp.from(since))
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .list();
    }

    Optional<Instant> latestCreatedAt(UserId user, TokenPurpose purpose) {
        return jdbc.sql("select max(created_at) from user_tokens where user_id = ? and purpose = ?")
                .params(user.value(), purpose.code())
                .query((rs, row) -> {
                    Timestamp latest = rs.getTimestamp(1);
                    return latest == null ? null : latest.toInstant();
                })
                .optional();
    }
}

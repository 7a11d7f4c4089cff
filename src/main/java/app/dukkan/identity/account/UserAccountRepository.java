package app.dukkan.identity.account;

import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserAccountRepository {

    private static final String SELECT = """
            select u.id, u.email, u.display_name, u.password_hash, u.enabled, u.created_at, u.locale,
                   u.email_verified_at,
                   coalesce(array_agg(r.role) filter (where r.role is not null), '{}') as roles
            from users u left join user_roles r on r.user_id = u.id
            """;

    private final JdbcClient jdbc;

    UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserAccount> findByEmail(String normalizedEmail) {
        return jdbc.sql(SELECT + " where u.email = ? group by u.id")
                .param(normalizedEmail)
                .query(this::map)
                .optional();
    }

    Optional<UserAccount> findById(UserId id) {
        return jdbc.sql(SELECT + " where u.id = ? group by u.id")
                .param(id.value())
                .query(this::map)
                .optional();
    }

    boolean existsByEmail(String normalizedEmail) {
        return jdbc.sql("select exists(select 1 from users where email = ?)")
                .param(normalizedEmail)
                .query(Boolean.class)
                .single();
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("select exists(select 1 from user_roles where role = ?)")
                .param(role.code())
                .query(Boolean.class)
                .single();
    }

    void insert(UserAccount account) {
        Timestamp created = Timestamp.from(account.createdAt());
        jdbc.sql("""
                insert into users (id, email, display_name, password_hash, enabled, created_at, updated_at, locale)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        account.id().value(),
                        account.email(),
                        account.displayName(),
                        account.passwordHash(),
                        account.enabled(),
                        created,
                        created,
                        account.locale().toLanguageTag())
                .update();
        replaceRoles(account.id(), account.roles(), account.createdAt());
    }

    void replaceRoles(UserId id, Set<Role> roles, Instant now) {
        jdbc.sql("delete from user_roles where user_id = ?").param(id.value()).update();
        for (Role role : roles) {
            jdbc.sql("insert into user_roles (user_id, role) values (?, ?)")
                    .params(id.value(), role.code())
                    .update();
        }
        jdbc.sql("update users set updated_at = ? where id = ?")
                .params(Timestamp.from(now), id.value())
                .update();
    }

    /** Locks the account's row until the transaction ends, so that concurrent changes of it run one after another. */
    boolean lock(UserId id) {
        return jdbc.sql("select 1 from users where id = ? for update")
                .param(id.value())
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    void changePassword(UserId id, String passwordHash, Instant now) {
        jdbc.sql("update users set password_hash = ?, updated_at = ? where id = ?")
                .params(passwordHash, Timestamp.from(now), id.value())
                .update();
    }

    boolean updateProfile(UserId id, String displayName, String localeTag, Instant now) {
        return jdbc.sql("update users set display_name = ?, locale = ?, updated_at = ? where id = ?")
                        .params(displayName, localeTag, Timestamp.from(now), id.value())
                        .update()
                > 0;
    }

    /** Sets the account's language unless it is already this one. */
    void updateLocale(UserId id, String localeTag, Instant now) {
        jdbc.sql("update users set locale = ?, updated_at = ? where id = ? and locale <> ?")
                .params(localeTag, Timestamp.from(now), id.value(), localeTag)
                .update();
    }

    /** Records the first confirmation of the account's email; later ones change nothing. */
    void markEmailVerified(UserId id, Instant now) {
        jdbc.sql("update users set email_verified_at = ?, updated_at = ? where id = ? and email_verified_at is null")
                .params(Timestamp.from(now), Timestamp.from(now), id.value())
                .update();
    }

    /**
     * Closes the account for an erasure, also one an operator had disabled already: its reason
     * becomes the erasure (nobody's decision to undo, so no operator enables it while the erasure's
     * jobs are under way), and it keeps the time it was first disabled.
     */
    void closeForErasure(UserId id, Instant now) {
        jdbc.sql("""
                        update users set enabled = false, disabled_reason = 'erasure',
                                         disabled_at = coalesce(disabled_at, ?), disabled_by = null, updated_at = ?
                        where id = ?""")
                .params(Timestamp.from(now), Timestamp.from(now), id.value())
                .update();
    }

    /** Revokes every working API key of the account, without a reason (it could name the person). */
    void revokeApiKeys(UserId id, Instant now) {
        jdbc.sql("update api_keys set revoked_at = ?, revoked_by = null where user_id = ? and revoked_at is null")
                .params(Timestamp.from(now), id.value())
                .update();
    }

    /**
     * Replaces what names the person by placeholders derived from the id (unique like the email
     * itself) and a password hash nothing matches; deletes tokens and API keys.
     */
    void anonymise(UserId id, String placeholderEmail, String unusablePasswordHash, Instant now) {
        jdbc.sql("""
                        update users set email = ?, display_name = 'Erased', password_hash = ?, enabled = false,
                                         disabled_reason = 'erasure', disabled_at = coalesce(disabled_at, ?),
                                         disabled_by = null, updated_at = ?
                        where id = ?""")
                .params(placeholderEmail, unusablePasswordHash, Timestamp.from(now), Timestamp.from(now), id.value())
                .update();
        jdbc.sql("delete from user_tokens where user_id = ?").param(id.value()).update();
        jdbc.sql("delete from api_keys where user_id = ?").param(id.value()).update();
    }

    private UserAccount map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String[] roles = (String[]) rs.getArray("roles").getArray();
        Timestamp verifiedAt = rs.getTimestamp("email_verified_at");
        Set<Role> roleSet = roles.length == 0
                ? EnumSet.noneOf(Role.class)
                : Arrays.stream(roles)
                        .map(Role::fromCode)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        return new UserAccount(
                new UserId(rs.getObject("id", UUID.class)),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                rs.getBoolean("enabled"),
                roleSet,
                rs.getTimestamp("created_at").toInstant(),
                SupportedLocales.fromTag(rs.getString("locale")),
                verifiedAt == null ? null : verifiedAt.toInstant());
    }
}

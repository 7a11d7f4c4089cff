package app.dukkan.identity.account;

import app.dukkan.identity.ManagedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import app.dukkan.identity.UserQuery;
import app.dukkan.identity.UserStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts as the console lists them, and their disabling. */
@Repository
class ManagedUsers {

    private static final String SELECT = """
            select u.id, u.email, u.display_name, u.enabled, u.created_at, u.locale, u.email_verified_at,
                   u.disabled_reason, u.disabled_at, u.disabled_by, d.email as disabled_by_email,
                   array(select r.role from user_roles r where r.user_id = u.id order by r.role) as roles
            from users u left join users d on d.id = u.disabled_by
            """;

    /** A query's condition, its parameters and its order. */
    record Filter(String where, Map<String, Object> params, String order) {}

    private final JdbcClient jdbc;

    ManagedUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The condition of a query. The search is a substring of the lower-cased email or display name
     * ({@code like} with its wildcards escaped), which the trigram indexes {@code users_*_trgm_idx}
     * serve.
     */
    static Filter filter(UserQuery query) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new LinkedHashMap<>();
        String search = query.search() == null ? "" : query.search().strip();
        if (!search.isEmpty()) {
            where.append(" and (lower(u.email) like lower(:pattern) escape '\\'"
                    + " or lower(u.display_name) like lower(:pattern) escape '\\')");
            params.put("pattern", "%" + escapeLike(search) + "%");
        }
        if (query.role() != null) {
            where.append(" and exists (select 1 from user_roles f where f.user_id = u.id and f.role = :role)");
            params.put("role", query.role().code());
        }
        if (query.status() != null) {
            where.append(" and u.enabled = :enabled");
            params.put("enabled", query.status() == UserStatus.ACTIVE);
        }
        String order = switch (query.sort()) {
            case NEWEST -> "u.created_at desc, u.id desc";
            case OLDEST -> "u.created_at, u.id";
            case EMAIL -> "u.email";
            case EMAIL_DESC -> "u.email desc";
        };
        return new Filter(where.toString(), params, order);
    }

    /** The statement of {@link #page}, for the plan tests. */
    static String pageSql(Filter filter) {
        return SELECT + filter.where() + " order by " + filter.order() + " limit :limit offset :offset";
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    List<ManagedUser> page(UserQuery query, int page, int size) {
        Filter filter = filter(query);
        var statement = jdbc.sql(pageSql(filter));
        for (var param : filter.params().entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(this::map)
                .list();
    }

    long count(UserQuery query) {
        Filter filter = filter(query);
        var statement = jdbc.sql("select count(*) from users u" + filter.where());
        for (var param : filter.params().entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.query(Long.class).single();
    }

    Optional<ManagedUser> find(UserId id) {
        return jdbc.sql(SELECT + " where u.id = :id")
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    List<ManagedUser> find(Collection<UserId> ids) {
        return jdbc.sql(SELECT + " where u.id = any(:ids)")
                .param("ids", ids.stream().map(UserId::value).toArray(UUID[]::new))
                .query(this::map)
                .list();
    }

    /**
     * Serializes the changes that could leave the shop without an active administrator (disabling,
     * role changes) until the transaction ends: each sees the others' outcome when it counts.
     */
    void lockAdministration() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('dukkan.identity.user-administration'))")
                .query((rs, row) -> 1)
                .single();
    }

    /** Active administrators other than {@code except}. */
    int otherActiveAdmins(UserId except) {
        return jdbc.sql("""
                        select count(*) from users u
                        where u.enabled and u.id <> :id
                          and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'admin')""").param("id", except.value()).query(Integer.class).single();
    }

    void disable(UserId id, String reason, Instant now, UserId by) {
        jdbc.sql("""
                        update users set enabled = false, disabled_reason = :reason, disabled_at = :now,
                                         disabled_by = :by, updated_at = :now
                        where id = :id""")
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("by", by.value())
                .param("id", id.value())
                .update();
    }

    /** Enables the account unless an erasure closed it; false then. */
    boolean enable(UserId id, Instant now) {
        return jdbc.sql("""
                                update users set enabled = true, disabled_reason = null, disabled_at = null,
                                                 disabled_by = null, updated_at = :now
                                where id = :id and disabled_reason is distinct from 'erasure'""")
                        .param("now", Timestamp.from(now))
                        .param("id", id.value())
                        .update()
                == 1;
    }

    private ManagedUser map(ResultSet rs, int row) throws SQLException {
        String[] roles = (String[]) rs.getArray("roles").getArray();
        UUID disabledBy = rs.getObject("disabled_by", UUID.class);
        return new ManagedUser(
                new UserId(rs.getObject("id", UUID.class)),
                rs.getString("email"),
                rs.getString("display_name"),
                roles.length == 0
                        ? EnumSet.noneOf(Role.class)
                        : Arrays.stream(roles)
                                .map(Role::fromCode)
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class))),
                rs.getBoolean("enabled") ? UserStatus.ACTIVE : UserStatus.DISABLED,
                rs.getString("disabled_reason"),
                instant(rs.getTimestamp("disabled_at")),
                disabledBy == null ? null : new UserId(disabledBy),
                rs.getString("disabled_by_email"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("email_verified_at") != null,
                SupportedLocales.fromTag(rs.getString("locale")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

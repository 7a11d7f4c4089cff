package app.dukkan.moderation.rules;

import app.dukkan.moderation.ModerationRules.Rule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RuleRepository {

    private static final String COLUMNS =
            "id, name, kind, terms, severity, action, active, created_at, created_by, updated_at, updated_by";

    private final JdbcClient jdbc;

    RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every rule, active first, then by name: a small table, read whole. */
    List<Rule> all() {
        return jdbc.sql("select " + COLUMNS + " from moderation_rules order by active desc, lower(name), id")
                .query(RuleRepository::rule)
                .list();
    }

    Optional<Rule> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from moderation_rules where id = ?")
                .param(id)
                .query(RuleRepository::rule)
                .optional();
    }

    void insert(Rule rule) {
        jdbc.sql("""
                        insert into moderation_rules (id, name, kind, terms, severity, action, active, created_at,
                            created_by, updated_at, updated_by)
                        values (:id, :name, :kind, :terms, :severity, :action, :active, :at, :by, :at, :by)""")
                .param("id", rule.id())
                .param("name", rule.name())
                .param("kind", rule.kind())
                .param("terms", rule.terms().toArray(String[]::new))
                .param("severity", rule.severity())
                .param("action", rule.action())
                .param("active", rule.active())
                .param("at", utc(rule.createdAt()))
                .param("by", rule.createdBy())
                .update();
    }

    void update(Rule rule) {
        jdbc.sql("""
                        update moderation_rules set name = :name, kind = :kind, terms = :terms, severity = :severity,
                            action = :action, active = :active, updated_at = :at, updated_by = :by
                        where id = :id""")
                .param("id", rule.id())
                .param("name", rule.name())
                .param("kind", rule.kind())
                .param("terms", rule.terms().toArray(String[]::new))
                .param("severity", rule.severity())
                .param("action", rule.action())
                .param("active", rule.active())
                .param("at", utc(rule.updatedAt()))
                .param("by", rule.updatedBy())
                .update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from moderation_rules where id = ?").param(id).update() > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Rule rule(ResultSet rs, int row) throws SQLException {
        return new Rule(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("kind"),
                List.of((String[]) rs.getArray("terms").getArray()),
                rs.getString("severity"),
                rs.getString("action"),
                rs.getBoolean("active"),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        @Nullable OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? Instant.EPOCH : value.toInstant();
    }
}

package app.dukkan.automation.log;

import app.dukkan.automation.AutomationLogs;
import app.dukkan.automation.workflow.CustomerData;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code automation_logs} newest first by id. Only the filters given become conditions, so
 * each query can use the index of its filter ({@code (filter, id desc)}); a time range is also
 * turned into a range of ids, which the time-ordered ids carry. An API key without {@code
 * orders:read} does not get the lines of runs of versions that hand customers' data to their steps
 * ({@link CustomerData}).
 */
@Service
class LogQueries implements AutomationLogs {

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CurrentUser currentUser;

    LogQueries(JdbcClient jdbc, JsonMapper json, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.json = json;
        this.currentUser = currentUser;
    }

    @Override
    public Page find(Query query, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        String level = level(query.level());
        String status = status(query.status());
        if (query.from() != null && query.to() != null && !query.to().isAfter(query.from())) {
            throw ProblemException.invalid("to", "must be after from");
        }
        UUID before = LogIds.fromCursor(cursor);
        StringBuilder sql = new StringBuilder("""
                select id, at, workflow_id, run_id, step, level, status, message, data, pii_redacted
                from automation_logs
                where id < :before""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("before", before);
        if (query.workflowId() != null) {
            sql.append(" and workflow_id = :workflowId");
            params.put("workflowId", query.workflowId());
        }
        if (query.runId() != null) {
            sql.append(" and run_id = :runId");
            params.put("runId", query.runId());
        }
        if (status != null) {
            sql.append(" and status = :status");
            params.put("status", status);
        }
        if (level != null) {
            sql.append(" and level = :level");
            params.put("level", level);
        }
        if (query.from() != null) {
            sql.append(" and at >= :from and id >= :fromId");
            params.put("from", Timestamp.from(query.from()));
            params.put("fromId", LogIds.atOrAfter(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and at < :to and id < :toId");
            params.put("to", Timestamp.from(query.to()));
            params.put("toId", LogIds.before(query.to()));
        }
        if (CustomerData.hiddenFrom(currentUser)) {
            sql.append(" and (run_id is null or not ")
                    .append(CustomerData.runOf("run_id"))
                    .append(")");
        }
        sql.append(" order by id desc limit :limit");
        params.put("limit", limit + 1);
        List<Entry> found =
                jdbc.sql(sql.toString()).params(params).query(this::entry).list();
        List<Entry> items = List.copyOf(found.subList(0, Math.min(limit, found.size())));
        String next =
                found.size() > limit ? LogIds.cursor(items.get(items.size() - 1).id()) : null;
        return new Page(items, next);
    }

    private static @Nullable String level(@Nullable String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        String name = level.strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(name)) {
            throw ProblemException.invalid("level", "must be one of " + String.join(", ", LEVELS));
        }
        return name;
    }

    private static @Nullable String status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String text = status.strip();
        if (text.length() > JdbcRunLogs.MAX_STATUS) {
            throw ProblemException.invalid("status", "must be at most " + JdbcRunLogs.MAX_STATUS + " characters");
        }
        return text;
    }

    private Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("at").toInstant(),
                rs.getObject("workflow_id", UUID.class),
                rs.getObject("run_id", UUID.class),
                rs.getString("step"),
                rs.getString("level"),
                rs.getString("status"),
                rs.getString("message"),
                json.readValue(rs.getString("data"), DATA),
                rs.getBoolean("pii_redacted"));
    }
}

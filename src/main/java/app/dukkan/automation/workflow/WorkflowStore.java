package app.dukkan.automation.workflow;

import app.dukkan.automation.Workflow;
import app.dukkan.platform.ClusterNotifications;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workflows and their versions. A version never changes once saved, so versions read for runs are
 * cached (a run reads its definition on every step).
 */
@Repository
public class WorkflowStore {

    /** A saved version: its JSON as written and as read. */
    public record Version(
            int version,
            JsonNode json,
            WorkflowDefinition definition,
            Instant createdAt,
            @Nullable UUID createdBy) {}

    private record VersionKey(UUID workflowId, int version) {}

    /** The cluster channel on which a workflow's change is announced (its id): caches drop what they keep. */
    public static final String CHANNEL = "automation_workflows";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Cache<VersionKey, Version> versions;
    private final Cache<String, Optional<Workflow>> byKey;

    WorkflowStore(JdbcClient jdbc, JsonMapper json, MeterRegistry meters, ClusterNotifications cluster) {
        this.jdbc = jdbc;
        this.json = json;
        this.versions = Caffeine.newBuilder().maximumSize(2_000).recordStats().build();
        this.byKey = Caffeine.newBuilder().maximumSize(1_000).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, versions, "automation.workflow-versions");
        CaffeineCacheMetrics.monitor(meters, byKey, "automation.workflows");
        cluster.subscribe(CHANNEL, id -> byKey.invalidateAll());
        cluster.onMissed(byKey::invalidateAll);
    }

    void create(
            UUID id,
            String key,
            WorkflowDefinition definition,
            JsonNode source,
            byte[] sealedSecret,
            @Nullable UUID actor,
            Instant at) {
        jdbc.sql("""
                        insert into automation_workflows (id, key, name, enabled, current_version, trigger_type,
                            trigger_event, signing_secret, created_at, updated_at)
                        values (?, ?, ?, false, 1, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        key,
                        definition.name(),
                        definition.trigger().type(),
                        event(definition),
                        sealedSecret,
                        Timestamp.from(at),
                        Timestamp.from(at))
                .update();
        insertVersion(id, 1, definition, source, actor, at);
    }

    /** Saves a new version as the current one; returns its number. */
    int update(UUID id, WorkflowDefinition definition, JsonNode source, @Nullable UUID actor, Instant at) {
        int version = jdbc.sql("""
                        update automation_workflows set current_version = current_version + 1, name = ?,
                            trigger_type = ?, trigger_event = ?, schedule_generation = schedule_generation + 1,
                            updated_at = ?
                        where id = ? returning current_version""")
                .params(definition.name(), definition.trigger().type(), event(definition), Timestamp.from(at), id)
                .query(Integer.class)
                .single();
        insertVersion(id, version, definition, source, actor, at);
        return version;
    }

    private void insertVersion(
            UUID id, int version, WorkflowDefinition definition, JsonNode source, @Nullable UUID actor, Instant at) {
        jdbc.sql("""
                        insert into automation_workflow_versions (workflow_id, version, definition, customer_data,
                            created_at, created_by)
                        values (?, ?, ?::jsonb, ?, ?, ?)""")
                .params(
                        id,
                        version,
                        json.writeValueAsString(source),
                        CustomerData.in(definition),
                        Timestamp.from(at),
                        actor)
                .update();
    }

    private static @Nullable String event(WorkflowDefinition definition) {
        return definition.trigger() instanceof WorkflowDefinition.Event event ? event.event() : null;
    }

    /** Enables or disables; the schedule's generation moves on so that planned cron jobs stop or restart. */
    boolean setEnabled(UUID id, boolean enabled, Instant at) {
        return jdbc.sql("""
                        update automation_workflows set enabled = ?, schedule_generation = schedule_generation + 1,
                            updated_at = ?
                        where id = ? and enabled <> ?""").params(enabled, Timestamp.from(at), id, enabled).update() == 1;
    }

    void replaceSecret(UUID id, byte[] sealedSecret, Instant at) {
        jdbc.sql("update automation_workflows set signing_secret = ?, updated_at = ? where id = ?")
                .params(sealedSecret, Timestamp.from(at), id)
                .update();
    }

    public Optional<Workflow> find(String key) {
        return jdbc.sql("select * from automation_workflows where key = ?")
                .param(key)
                .query(WorkflowStore::workflow)
                .optional();
    }

    /**
     * Drops what this instance keeps as soon as the change commits; other instances drop it when the
     * change's announcement reaches them, a moment later.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(WorkflowChanged changed) {
        byKey.invalidateAll();
    }

    /**
     * The workflow as triggers see it: kept in memory until a change is announced on {@link #CHANNEL}
     * (after the changing transaction commits, on every instance), so a trigger costs no look-up.
     */
    public Optional<Workflow> findCached(String key) {
        return byKey.get(key, this::find);
    }

    public Optional<Workflow> find(UUID id) {
        return jdbc.sql("select * from automation_workflows where id = ?")
                .param(id)
                .query(WorkflowStore::workflow)
                .optional();
    }

    public byte[] sealedSecret(UUID id) {
        return jdbc.sql("select signing_secret from automation_workflows where id = ?")
                .param(id)
                .query(byte[].class)
                .single();
    }

    /** Workflows by key, a page at a time. */
    public List<Workflow> page(int page, int size) {
        return jdbc.sql("select * from automation_workflows order by key limit ? offset ?")
                .params(size, (long) page * size)
                .query(WorkflowStore::workflow)
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from automation_workflows")
                .query(Long.class)
                .single();
    }

    /** Enabled workflows that the store event starts. */
    public List<Workflow> enabledFor(String event) {
        return jdbc.sql("select * from automation_workflows where enabled and trigger_event = ?")
                .param(event)
                .query(WorkflowStore::workflow)
                .list();
    }

    /** The events some enabled workflow starts on. */
    public List<String> subscribedEvents() {
        return jdbc.sql(
                        "select distinct trigger_event from automation_workflows where enabled and trigger_event is not null")
                .query(String.class)
                .list();
    }

    /** Enabled workflows on a schedule. */
    public List<Workflow> enabledSchedules() {
        return jdbc.sql("select * from automation_workflows where enabled and trigger_type = 'cron'")
                .query(WorkflowStore::workflow)
                .list();
    }

    public Version version(UUID workflowId, int version) {
        return versions.get(
                new VersionKey(workflowId, version),
                key -> jdbc.sql("""
                        select version, definition, created_at, created_by from automation_workflow_versions
                        where workflow_id = ? and version = ?""")
                        .params(key.workflowId(), key.version())
                        .query(this::version)
                        .single());
    }

    /** Up to {@code limit} versions older than {@code before} (all when null), newest first. */
    List<Version> versions(UUID workflowId, @Nullable Integer before, int limit) {
        return jdbc.sql("""
                        select version, definition, created_at, created_by from automation_workflow_versions
                        where workflow_id = ? and version < ? order by version desc limit ?""")
                .params(workflowId, before == null ? Integer.MAX_VALUE : before, limit)
                .query(this::version)
                .list();
    }

    private Version version(ResultSet rs, int row) throws SQLException {
        JsonNode source = json.readTree(rs.getString("definition"));
        return new Version(
                rs.getInt("version"),
                source,
                WorkflowDefinition.read(source),
                rs.getTimestamp("created_at").toInstant(),
                rs.getObject("created_by", UUID.class));
    }

    private static Workflow workflow(ResultSet rs, int row) throws SQLException {
        return new Workflow(
                rs.getObject("id", UUID.class),
                rs.getString("key"),
                rs.getString("name"),
                rs.getBoolean("enabled"),
                rs.getInt("current_version"),
                rs.getString("trigger_type"),
                rs.getString("trigger_event"),
                rs.getInt("schedule_generation"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}

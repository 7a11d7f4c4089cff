package app.dukkan.moderation.queue;

import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModerationQueue.Entry;
import app.dukkan.moderation.ModerationQueue.Report;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class QueueRepository {

    private static final String COLUMNS = "id, item_kind, item_id, author_id, state, reason, rules, excerpt,"
            + " edited_excerpt, path, hidden, report_count, resolution, created_at, updated_at";

    /** What an upsert of a report left in the entry. */
    record Counted(UUID id, int reportCount, boolean hidden, int opening) {}

    /**
     * What screening left in the entry: {@code raised} when the item entered the queue just now (a
     * new entry, or one resolved before) or is hidden in it just now.
     */
    record Flagged(UUID id, int opening, boolean raised) {}

    private final JdbcClient jdbc;

    QueueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Puts a screened item into the queue, or opens its entry again with the rules that matched now.
     * An open entry stays hidden once it is: its item stays hidden until an operator acts.
     */
    Flagged flagged(
            UUID newId, ContentRef item, UUID author, List<String> rules, String excerpt, boolean hidden, Instant now) {
        record Was(boolean open, boolean hidden) {}
        Optional<Was> was = jdbc.sql("""
                        select state = 'open' as open, hidden from moderation_entries
                        where item_kind = ? and item_id = ? for update""")
                .params(item.kind().code(), item.id())
                .query((rs, row) -> new Was(rs.getBoolean("open"), rs.getBoolean("hidden")))
                .optional();
        boolean raised = was.map(w -> !w.open() || (hidden && !w.hidden())).orElse(true);
        return jdbc.sql("""
                        insert into moderation_entries (id, item_kind, item_id, author_id, state, reason, rules, excerpt,
                            hidden, created_at, updated_at)
                        values (:id, :kind, :item, :author, 'open', 'rule', :rules, :excerpt, :hidden, :now, :now)
                        on conflict (item_kind, item_id) do update set state = 'open', reason = 'rule',
                            rules = excluded.rules, excerpt = excluded.excerpt, edited_excerpt = null,
                            hidden = excluded.hidden or (moderation_entries.state = 'open' and moderation_entries.hidden),
                            openings = moderation_entries.openings
                                       + case when moderation_entries.state = 'resolved' then 1 else 0 end,
                            resolution = null, resolved_by = null, resolved_at = null, updated_at = excluded.updated_at
                        returning id, openings""")
                .param("id", newId)
                .param("kind", item.kind().code())
                .param("item", item.id())
                .param("author", author)
                .param("rules", rules.toArray(String[]::new))
                .param("excerpt", excerpt)
                .param("hidden", hidden)
                .param("now", utc(now))
                .query((rs, row) -> new Flagged(rs.getObject("id", UUID.class), rs.getInt("openings"), raised))
                .single();
    }

    void path(UUID entryId, String path, String excerpt) {
        jdbc.sql("update moderation_entries set path = ?, excerpt = ? where id = ?")
                .params(path, excerpt, entryId)
                .update();
    }

    /** The item's path and the text its author changed it to, beside the text the entry was raised for. */
    void edited(UUID entryId, String path, String excerpt) {
        jdbc.sql("update moderation_entries set path = ?, edited_excerpt = nullif(?, excerpt) where id = ?")
                .params(path, excerpt, entryId)
                .update();
    }

    /** Records a report; false when this user reported the item already. */
    boolean report(UUID id, ContentRef item, UUID reporter, String reason, @Nullable String note, Instant now) {
        return jdbc.sql("""
                        insert into moderation_reports (id, item_kind, item_id, reporter_id, reason, note, created_at)
                        values (:id, :kind, :item, :reporter, :reason, :note, :now)
                        on conflict (item_kind, item_id, reporter_id) do nothing""")
                        .param("id", id)
                        .param("kind", item.kind().code())
                        .param("item", item.id())
                        .param("reporter", reporter)
                        .param("reason", reason)
                        .param("note", note)
                        .param("now", utc(now))
                        .update()
                > 0;
    }

    /**
     * Counts a report in the item's entry (made or opened again); the row stays locked until the
     * transaction ends, so concurrent reports count one after the other. An open entry keeps the
     * text it was raised for, and the reported one beside it when they differ.
     */
    Counted reported(
            UUID newId, ContentRef item, UUID author, String excerpt, String path, boolean hidden, Instant now) {
        return jdbc.sql("""
                        insert into moderation_entries (id, item_kind, item_id, author_id, state, reason, excerpt, path,
                            hidden, report_count, created_at, updated_at)
                        values (:id, :kind, :item, :author, 'open', 'reports', :excerpt, :path, :hidden, 1, :now, :now)
                        on conflict (item_kind, item_id) do update set state = 'open',
                            report_count = moderation_entries.report_count + 1,
                            openings = moderation_entries.openings
                                       + case when moderation_entries.state = 'resolved' then 1 else 0 end,
                            excerpt = case when moderation_entries.state = 'open' then moderation_entries.excerpt
                                           else excluded.excerpt end,
                            edited_excerpt = case when moderation_entries.state = 'open'
                                                  then nullif(excluded.excerpt, moderation_entries.excerpt) end,
                            path = excluded.path, resolution = null, resolved_by = null, resolved_at = null,
                            updated_at = excluded.updated_at
                        returning id, report_count, hidden, openings""")
                .param("id", newId)
                .param("kind", item.kind().code())
                .param("item", item.id())
                .param("author", author)
                .param("excerpt", excerpt)
                .param("path", path)
                .param("hidden", hidden)
                .param("now", utc(now))
                .query((rs, row) -> new Counted(
                        rs.getObject("id", UUID.class),
                        rs.getInt("report_count"),
                        rs.getBoolean("hidden"),
                        rs.getInt("openings")))
                .single();
    }

    void hiddenByReports(UUID entryId) {
        jdbc.sql("update moderation_entries set hidden = true, reason = 'reports' where id = ?")
                .param(entryId)
                .update();
    }

    /** The open entry of the item, if it has one. */
    Optional<UUID> openEntry(ContentRef item) {
        return jdbc.sql("select id from moderation_entries where item_kind = ? and item_id = ? and state = 'open'")
                .params(item.kind().code(), item.id())
                .query(UUID.class)
                .optional();
    }

    /** Closes the open entries of deleted content. */
    void forget(Collection<ContentRef> items, Instant now) {
        jdbc.sql("""
                        update moderation_entries e set state = 'resolved', resolution = 'deleted', resolved_at = :now,
                            updated_at = :now
                        from unnest(:kinds, :items) as deleted (kind, id)
                        where e.item_kind = deleted.kind and e.item_id = deleted.id and e.state = 'open'""")
                .param("kinds", items.stream().map(item -> item.kind().code()).toArray(String[]::new))
                .param("items", items.stream().map(ContentRef::id).toArray(UUID[]::new))
                .param("now", utc(now))
                .update();
    }

    /** The entry, its row locked for an action. */
    Optional<Entry> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from moderation_entries where id = ? for update")
                .param(id)
                .query((rs, row) -> entry(rs, List.of()))
                .optional();
    }

    Optional<Entry> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from moderation_entries where id = ?")
                .param(id)
                .query((rs, row) -> entry(rs, List.of()))
                .optional()
                .map(entry -> withReports(List.of(entry)).get(0));
    }

    void resolve(UUID id, String resolution, boolean hidden, @Nullable UUID by, Instant now) {
        jdbc.sql("""
                        update moderation_entries set state = 'resolved', resolution = :resolution, hidden = :hidden,
                            report_count = 0, resolved_by = :by, resolved_at = :now, updated_at = :now
                        where id = :id""")
                .param("id", id)
                .param("resolution", resolution)
                .param("hidden", hidden)
                .param("by", by)
                .param("now", utc(now))
                .update();
    }

    void warning(UUID id, UUID author, UUID entry, String reason, @Nullable UUID by, Instant now) {
        jdbc.sql("""
                        insert into moderation_warnings (id, author_id, entry_id, reason, warned_by, created_at)
                        values (?, ?, ?, ?, ?, ?)""").params(id, author, entry, reason, by, utc(now)).update();
    }

    /**
     * A page of entries in {@code state} (and {@code kind}), most recently changed first, after the
     * entry at {@code (afterAt, afterId)}; one more than {@code limit}, to tell whether more follow.
     */
    List<Entry> page(
            String state, @Nullable String kind, @Nullable Instant afterAt, @Nullable UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from moderation_entries where state = :state");
        Map<String, Object> params = new HashMap<>();
        params.put("state", state);
        if (kind != null) {
            sql.append(" and item_kind = :kind");
            params.put("kind", kind);
        }
        if (afterAt != null && afterId != null) {
            sql.append(" and (updated_at, id) < (:at, :after)");
            params.put("at", utc(afterAt));
            params.put("after", afterId);
        }
        sql.append(" order by updated_at desc, id desc limit :limit");
        params.put("limit", limit + 1);
        List<Entry> entries = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> entry(rs, List.of()))
                .list();
        return withReports(entries);
    }

    /** The entries with their items' reports, read in one query. */
    private List<Entry> withReports(List<Entry> entries) {
        if (entries.isEmpty()) {
            return entries;
        }
        Map<String, List<Report>> reports = new HashMap<>();
        jdbc.sql("""
                        select id, item_kind, item_id, reporter_id, reason, note, created_at from moderation_reports
                        where item_kind = any(:kinds) and item_id = any(:items)
                        order by created_at, id""")
                .param("kinds", entries.stream().map(Entry::kind).distinct().toArray(String[]::new))
                .param("items", entries.stream().map(Entry::itemId).toArray(UUID[]::new))
                .query(rs -> {
                    reports.computeIfAbsent(
                                    rs.getString("item_kind") + ":" + rs.getObject("item_id", UUID.class),
                                    key -> new ArrayList<>())
                            .add(new Report(
                                    rs.getObject("id", UUID.class),
                                    rs.getObject("reporter_id", UUID.class),
                                    rs.getString("reason"),
                                    rs.getString("note"),
                                    instant(rs, "created_at")));
                });
        return entries.stream()
                .map(e -> new Entry(
                        e.id(),
                        e.kind(),
                        e.itemId(),
                        e.authorId(),
                        e.state(),
                        e.reason(),
                        e.rules(),
                        e.excerpt(),
                        e.editedExcerpt(),
                        e.path(),
                        e.hidden(),
                        e.reportCount(),
                        e.resolution(),
                        e.createdAt(),
                        e.updatedAt(),
                        List.copyOf(reports.getOrDefault(e.kind() + ":" + e.itemId(), List.of()))))
                .toList();
    }

    private static Entry entry(ResultSet rs, List<Report> reports) throws SQLException {
        return new Entry(
                rs.getObject("id", UUID.class),
                rs.getString("item_kind"),
                rs.getObject("item_id", UUID.class),
                rs.getObject("author_id", UUID.class),
                rs.getString("state"),
                rs.getString("reason"),
                List.of((String[]) rs.getArray("rules").getArray()),
                rs.getString("excerpt"),
                rs.getString("edited_excerpt"),
                rs.getString("path"),
                rs.getBoolean("hidden"),
                rs.getInt("report_count"),
                rs.getString("resolution"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                reports);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}

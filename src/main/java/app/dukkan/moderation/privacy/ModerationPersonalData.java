package app.dukkan.moderation.privacy;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queue entries about a member's content, the reports they made and the warnings they got. An
 * erasure keeps the decisions (what was flagged, reported, resolved, and when) and removes the
 * words: an entry's excerpts of the content, the notes of the member's reports; notes of others'
 * reports on the member's content and warnings' reasons lose the member's email, phone and name.
 */
@Component
class ModerationPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final ExportRows rows;

    ModerationPersonalData(JdbcClient jdbc, ExportRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public String part() {
        return "moderation";
    }

    @Override
    public Object export(DataSubject subject) {
        if (subject.userId() == null) {
            return Map.of();
        }
        Map<String, Object> params = subject.parameters();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries_about_me", rows.rows("""
                select item_kind, item_id, state, reason, excerpt, edited_excerpt, hidden, resolution, created_at,
                    resolved_at
                from moderation_entries where author_id = :user order by created_at, id""", params));
        out.put("my_reports", rows.rows("""
                select item_kind, item_id, reason, note, created_at
                from moderation_reports where reporter_id = :user order by created_at, id""", params));
        out.put("warnings", rows.rows("""
                select reason, created_at from moderation_warnings
                where author_id = :user order by created_at, id""", params));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        // an operator who wrote or changed rules: the rules stay, without who
        jdbc.sql("""
                        update moderation_rules
                        set created_by = case when lower(created_by) = :email then '[erased]' else created_by end,
                            updated_by = case when lower(updated_by) = :email then '[erased]' else updated_by end
                        where lower(created_by) = :email or lower(updated_by) = :email""").params(params).update();
        if (subject.userId() == null) {
            return;
        }
        jdbc.sql("""
                        update moderation_entries set excerpt = '', edited_excerpt = null
                        where author_id = :user and (excerpt <> '' or edited_excerpt is not null)""").params(params).update();
        jdbc.sql("update moderation_reports set note = null where reporter_id = :user and note is not null")
                .params(params)
                .update();
        jdbc.sql("""
                        update moderation_reports r set note = left(regexp_replace(r.note, :pattern, '[erased]', 'gi'), 500)
                        from moderation_entries e
                        where e.author_id = :user and r.item_kind = e.item_kind and r.item_id = e.item_id
                          and r.note ~* :pattern""").params(params).update();
        jdbc.sql("""
                        update moderation_warnings set reason = regexp_replace(reason, :pattern, '[erased]', 'gi')
                        where author_id = :user and reason ~* :pattern""").params(params).update();
    }
}

package app.dukkan.whatsapp.outbound;

import app.dukkan.platform.Ids;
import app.dukkan.platform.TextInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transcript: a conversation's messages both ways, and the delivery state of those sent. A sent
 * message's status only moves forward (sent → delivered → read), whatever order Meta reports it in;
 * failed is final.
 */
@Repository
public class MessageStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** A message to send, as stored. */
    public record Outgoing(
            UUID id,
            UUID conversationId,
            String type,
            Map<String, Object> content,
            String status,
            boolean template,
            boolean evenAfterOptOut) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    MessageStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Keeps a customer's message (only once they consented). */
    public void received(UUID conversationId, String waMessageId, String kind, String summary, Object payload) {
        jdbc.sql("""
                        insert into whatsapp_messages
                            (id, conversation_id, direction, wa_message_id, kind, summary, payload, status, created_at)
                        values (?, ?, 'in', ?, ?, ?, cast(? as jsonb), 'received', ?)
                        on conflict (wa_message_id) do nothing""")
                .params(
                        Ids.newId(clock),
                        conversationId,
                        waMessageId,
                        kind,
                        summary,
                        json.writeValueAsString(payload),
                        Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Keeps a message to send; {@code status} is {@code queued}, or {@code delivered} for the
     * simulator, or {@code skipped} with the reason when it must not go out.
     */
    UUID queue(
            UUID conversationId,
            String type,
            Map<String, Object> content,
            String summary,
            boolean template,
            boolean evenAfterOptOut,
            String status,
            @Nullable String error) {
        UUID id = Ids.newId(clock);
        Instant now = clock.instant();
        boolean delivered = status.equals("delivered");
        jdbc.sql("""
                        insert into whatsapp_messages
                            (id, conversation_id, direction, kind, summary, payload, status, error, created_at,
                             sent_at, delivered_at)
                        values (?, ?, 'out', ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        conversationId,
                        type,
                        summary,
                        json.writeValueAsString(Map.of(
                                "type",
                                type,
                                type,
                                content,
                                "template",
                                template,
                                "even_after_opt_out",
                                evenAfterOptOut)),
                        status,
                        error,
                        Timestamp.from(now),
                        delivered ? Timestamp.from(now) : null,
                        delivered ? Timestamp.from(now) : null)
                .update();
        return id;
    }

    Optional<Outgoing> outgoing(UUID id) {
        return jdbc.sql(
                        "select id, conversation_id, payload, status from whatsapp_messages where id = ? and direction = 'out'")
                .param(id)
                .query((rs, row) -> {
                    Map<String, Object> payload = json.readValue(rs.getString("payload"), MAP);
                    String type = (String) payload.get("type");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> content = (Map<String, Object>) payload.get(type);
                    return new Outgoing(
                            rs.getObject("id", UUID.class),
                            rs.getObject("conversation_id", UUID.class),
                            type,
                            content,
                            rs.getString("status"),
                            Boolean.TRUE.equals(payload.get("template")),
                            Boolean.TRUE.equals(payload.get("even_after_opt_out")));
                })
                .optional();
    }

    /** Meta accepted the message: its id, and any status Meta reported before this was recorded. */
    @Transactional
    void sent(UUID id, String waMessageId) {
        lock(waMessageId);
        jdbc.sql("""
                        update whatsapp_messages set status = 'sent', wa_message_id = ?, sent_at = ?, error = null
                         where id = ? and status in ('queued', 'failed')""").params(waMessageId, Timestamp.from(clock.instant()), id).update();
        List<EarlyStatus> early = jdbc.sql("""
                        delete from whatsapp_early_statuses where wa_message_id = ?
                        returning status, at, error""")
                .param(waMessageId)
                .query((rs, row) -> new EarlyStatus(
                        rs.getString("status"), rs.getTimestamp("at").toInstant(), rs.getString("error")))
                .list();
        early.forEach(status -> status(waMessageId, status.status(), status.at(), status.error()));
    }

    /**
     * Serializes the send's record and the statuses of one message until the transaction ends: at
     * read committed a status could otherwise miss the send's uncommitted id and be kept as early
     * after the send took the early ones, and be lost.
     */
    private void lock(String waMessageId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("whatsapp-message:" + waMessageId)
                .query()
                .singleValue();
    }

    private record EarlyStatus(
            String status, Instant at, @Nullable String error) {}

    /** The attempt failed; {@code failed} for good, else the message stays queued for the next one. */
    void error(UUID id, String error, boolean failed) {
        jdbc.sql("update whatsapp_messages set error = ?, status = case when ? then 'failed' else status end"
                        + " where id = ? and status in ('queued', 'failed')")
                .params(TextInput.clip(error, 500), failed, id)
                .update();
    }

    /** The message was not sent, and never will be (the customer opted out, the window closed). */
    void skipped(UUID id, String reason) {
        jdbc.sql("update whatsapp_messages set status = 'skipped', error = ? where id = ? and status = 'queued'")
                .params(reason, id)
                .update();
    }

    /**
     * Applies a status Meta reported for a sent message; a status of a message not recorded as sent
     * yet (Meta's report overtook the send's commit) is kept until it is.
     */
    @Transactional
    public void status(String waMessageId, String status, Instant at, @Nullable String error) {
        lock(waMessageId);
        int changed = jdbc.sql("""
                        update whatsapp_messages set
                            status = case
                                when status = 'failed' then status
                                when ? = 'failed' then 'failed'
                                when array_position(array['queued', 'sent', 'delivered', 'read'], ?)
                                     > array_position(array['queued', 'sent', 'delivered', 'read'], status) then ?
                                else status end,
                            sent_at = coalesce(sent_at, ?),
                            delivered_at = case when ? in ('delivered', 'read') then coalesce(delivered_at, ?)
                                                else delivered_at end,
                            read_at = case when ? = 'read' then coalesce(read_at, ?) else read_at end,
                            error = case when ? = 'failed' then ? else error end
                         where wa_message_id = ? and direction = 'out'""")
                .params(
                        status,
                        status,
                        status,
                        Timestamp.from(at),
                        status,
                        Timestamp.from(at),
                        status,
                        Timestamp.from(at),
                        status,
                        error == null ? null : TextInput.clip(error, 500),
                        waMessageId)
                .update();
        if (changed == 0) {
            jdbc.sql("""
                            insert into whatsapp_early_statuses (wa_message_id, status, at, error)
                            values (?, ?, ?, ?) on conflict do nothing""")
                    .params(waMessageId, status, Timestamp.from(at), error == null ? null : TextInput.clip(error, 500))
                    .update();
        }
    }
}

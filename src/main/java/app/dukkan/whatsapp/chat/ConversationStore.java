package app.dukkan.whatsapp.chat;

import app.dukkan.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Conversations by phone, locked for a turn so that one customer's messages change it one after the other. */
@Repository
public class ConversationStore {

    private static final String COLUMNS =
            "id, phone, simulated, language, consent, opted_out, state, cart_id, draft_id, last_inbound_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    ConversationStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** The phone's conversation, created on first contact, locked until the transaction ends. */
    public Conversation lock(String phone, boolean simulated) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into whatsapp_conversations (id, phone, simulated, last_message_at, created_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (phone, simulated) do nothing""")
                .params(Ids.newId(clock), phone, simulated, Timestamp.from(now), Timestamp.from(now))
                .update();
        return jdbc.sql("select " + COLUMNS
                        + " from whatsapp_conversations where phone = ? and simulated = ? for update")
                .params(phone, simulated)
                .query(this::row)
                .single();
    }

    /** The conversation waiting for this draft's payment, locked. */
    public Optional<Conversation> lockByDraft(UUID draftId) {
        return jdbc.sql("select " + COLUMNS + " from whatsapp_conversations where draft_id = ? for update")
                .param(draftId)
                .query(this::row)
                .optional();
    }

    public Optional<Conversation> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from whatsapp_conversations where id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    /**
     * Opts the number's conversation out, as STOP does, where there is one (E.164 digits without the
     * plus); the console's simulated conversation of the number stays as it is.
     */
    public void optOut(String phone) {
        jdbc.sql("update whatsapp_conversations set opted_out = true, state = '{}'::jsonb"
                        + " where phone = ? and not simulated and not opted_out")
                .param(phone)
                .update();
    }

    /** Writes what a turn changed. */
    public void save(Conversation conversation) {
        jdbc.sql("""
                        update whatsapp_conversations
                           set language = ?, consent = ?, opted_out = ?, state = cast(? as jsonb), cart_id = ?,
                               draft_id = ?, last_inbound_at = ?, last_message_at = ?
                         where id = ?""")
                .params(
                        conversation.language(),
                        conversation.consent().name().toLowerCase(),
                        conversation.optedOut(),
                        json.writeValueAsString(conversation.state()),
                        conversation.cartId(),
                        conversation.draftId(),
                        conversation.lastInboundAt() == null ? null : Timestamp.from(conversation.lastInboundAt()),
                        Timestamp.from(clock.instant()),
                        conversation.id())
                .update();
    }

    private Conversation row(ResultSet rs, int row) throws SQLException {
        Timestamp inbound = rs.getTimestamp("last_inbound_at");
        return new Conversation(
                rs.getObject("id", UUID.class),
                rs.getString("phone"),
                rs.getBoolean("simulated"),
                rs.getString("language"),
                Conversation.Consent.valueOf(rs.getString("consent").toUpperCase()),
                rs.getBoolean("opted_out"),
                (ObjectNode) json.readTree(rs.getString("state")),
                rs.getObject("cart_id", UUID.class),
                rs.getObject("draft_id", UUID.class),
                inbound == null ? null : inbound.toInstant());
    }
}

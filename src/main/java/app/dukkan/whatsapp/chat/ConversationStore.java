package app.dukkan.whatsapp.chat;

import app.dukkan.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Conversations by phone, locked for a turn so that one customer's messages change it one after the other. */
@Repository
public class ConversationStore {

    private static final String COLUMNS = "id, phone, simulated, language, consent, opted_out_by, opted_in_at, state,"
            + " cart_id, draft_id, last_inbound_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    ConversationStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The phone's conversation, created on first contact, locked until the transaction ends. The
     * transaction's changes to its opt-out through this store ({@link #optOut}) are made to the returned
     * conversation too, which its turn saves afterwards.
     */
    public Conversation lock(String phone, boolean simulated) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into whatsapp_conversations (id, phone, simulated, last_message_at, created_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (phone, simulated) do nothing""")
                .params(Ids.newId(clock), phone, simulated, Timestamp.from(now), Timestamp.from(now))
                .update();
        Conversation conversation = jdbc.sql("select " + COLUMNS
                        + " from whatsapp_conversations where phone = ? and simulated = ? for update")
                .params(phone, simulated)
                .query(this::row)
                .single();
        if (!simulated) {
            heldByTransaction().ifPresent(held -> held.put(phone, conversation));
        }
        return conversation;
    }

    /** The number's conversation (E.164 digits without the plus), not the console's simulated one. */
    public Optional<Conversation> findByPhone(String phone) {
        return jdbc.sql("select " + COLUMNS + " from whatsapp_conversations where phone = ? and not simulated")
                .param(phone)
                .query(this::row)
                .optional();
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
     * Opts the number's conversation out, as STOP does, where there is one and it is not opted out
     * already (E.164 digits without the plus); the console's simulated conversation of the number
     * stays as it is.
     */
    public void optOut(String phone, Conversation.OptedOutBy by) {
        jdbc.sql("update whatsapp_conversations set opted_out = true, opted_out_by = ?, state = '{}'::jsonb"
                        + " where phone = ? and not simulated and not opted_out")
                .params(by.name().toLowerCase(Locale.ROOT), phone)
                .update();
        heldByTransaction()
                .map(held -> held.get(phone))
                .filter(conversation -> !conversation.optedOut())
                .ifPresent(conversation -> {
                    conversation.optedOutBy(by);
                    conversation.state().removeAll();
                });
    }

    /** Opts the number's conversation back in where an account's withdrawal opted it out. */
    public void optInAfterAccount(String phone) {
        jdbc.sql("update whatsapp_conversations set opted_out = false, opted_out_by = null"
                        + " where phone = ? and not simulated and opted_out_by = 'account'")
                .param(phone)
                .update();
    }

    /**
     * The conversations this transaction locked by phone, so that a change made through the store
     * while a turn holds one (an order of the chat linking the number to an account) is not undone
     * when the turn saves what it read; empty outside a transaction.
     */
    private Optional<Map<String, Conversation>> heldByTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Conversation> held =
                (Map<String, Conversation>) TransactionSynchronizationManager.getResource(this);
        if (held == null) {
            Map<String, Conversation> bound = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, bound);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ConversationStore.this);
                }
            });
            held = bound;
        }
        return Optional.of(held);
    }

    /** Writes what a turn changed. */
    public void save(Conversation conversation) {
        jdbc.sql("""
                        update whatsapp_conversations
                           set language = ?, consent = ?, opted_out = ?, opted_out_by = ?, opted_in_at = ?,
                               state = cast(? as jsonb), cart_id = ?, draft_id = ?, last_inbound_at = ?,
                               last_message_at = ?
                         where id = ?""")
                .params(
                        conversation.language(),
                        conversation.consent().name().toLowerCase(),
                        conversation.optedOut(),
                        conversation.optedOutBy() == null
                                ? null
                                : conversation.optedOutBy().name().toLowerCase(Locale.ROOT),
                        conversation.optedInAt() == null ? null : Timestamp.from(conversation.optedInAt()),
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
        String optedOutBy = rs.getString("opted_out_by");
        Timestamp optedIn = rs.getTimestamp("opted_in_at");
        return new Conversation(
                rs.getObject("id", UUID.class),
                rs.getString("phone"),
                rs.getBoolean("simulated"),
                rs.getString("language"),
                Conversation.Consent.valueOf(rs.getString("consent").toUpperCase()),
                optedOutBy == null ? null : Conversation.OptedOutBy.valueOf(optedOutBy.toUpperCase(Locale.ROOT)),
                optedIn == null ? null : optedIn.toInstant(),
                (ObjectNode) json.readTree(rs.getString("state")),
                rs.getObject("cart_id", UUID.class),
                rs.getObject("draft_id", UUID.class),
                inbound == null ? null : inbound.toInstant());
    }
}

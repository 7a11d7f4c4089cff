package app.dukkan.whatsapp.webhook;

import app.dukkan.whatsapp.chat.ChatEngine;
import app.dukkan.whatsapp.chat.Conversation;
import app.dukkan.whatsapp.chat.ConversationStore;
import app.dukkan.whatsapp.chat.Inbound;
import app.dukkan.whatsapp.chat.Reply;
import app.dukkan.whatsapp.outbound.MessageStore;
import app.dukkan.whatsapp.outbound.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes a recorded delivery in one transaction: a message is one turn of its conversation (the
 * conversation locked, the replies kept, the delivery marked done and its payload dropped); a status
 * moves the sent message's state on. Each runs once: a delivery already processed only answers the
 * replies it made again, for its job to send those still queued after a crash.
 */
@Component
public class InboundProcessor {

    private record Pending(
            String kind,
            String phone,
            @Nullable JsonNode payload,
            @Nullable String replies) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ConversationStore conversations;
    private final ChatEngine engine;
    private final MessageStore messages;
    private final Outbox outbox;
    private final Timer turns;
    private final Clock clock;

    InboundProcessor(
            JdbcClient jdbc,
            JsonMapper json,
            ConversationStore conversations,
            ChatEngine engine,
            MessageStore messages,
            Outbox outbox,
            MeterRegistry meters,
            Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.conversations = conversations;
        this.engine = engine;
        this.messages = messages;
        this.outbox = outbox;
        this.turns = Timer.builder("whatsapp.turn")
                .description("One customer message through the conversation, replies queued")
                .publishPercentileHistogram()
                .register(meters);
        this.clock = clock;
    }

    /**
     * Processes the delivery, once.
     *
     * @return the replies of the turn, to send once this transaction committed
     */
    @Transactional
    public Optional<Outbox.Batch> process(String id) {
        Optional<Pending> pending = jdbc.sql("""
                        select kind, phone, case when processed_at is null then payload end as payload, replies
                          from whatsapp_inbox where id = ? for update""")
                .param(id)
                .query((rs, row) -> {
                    String payload = rs.getString("payload");
                    return new Pending(
                            rs.getString("kind"),
                            rs.getString("phone"),
                            payload == null ? null : json.readTree(payload),
                            rs.getString("replies"));
                })
                .optional();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Pending entry = pending.get();
        if (entry.payload() == null) {
            // processed before: its job ran again (a crash after the turn), the replies may still wait
            return Optional.ofNullable(entry.replies()).map(replies -> json.readValue(replies, Outbox.Batch.class));
        }
        Optional<Outbox.Batch> replies = Optional.empty();
        if (entry.kind().equals("status")) {
            status(entry.payload());
        } else {
            replies = turns.record(() -> turn(id, entry.phone(), entry.payload(), id.startsWith(SIMULATED)));
        }
        jdbc.sql("update whatsapp_inbox set processed_at = ?, payload = null, replies = cast(? as jsonb) where id = ?")
                .params(
                        Timestamp.from(clock.instant()),
                        replies.map(json::writeValueAsString).orElse(null),
                        id)
                .update();
        return replies;
    }

    /** The prefix of the ids the console's simulator gives its messages. */
    public static final String SIMULATED = "sim.";

    private Optional<Outbox.Batch> turn(String id, String phone, JsonNode message, boolean simulated) {
        Conversation conversation = conversations.lock(phone, simulated);
        Inbound inbound = Inbound.of(message);
        List<Reply> replies = engine.turn(conversation, inbound, wroteAt(message));
        if (conversation.consent() == Conversation.Consent.GRANTED) {
            // before consent nothing of what the customer wrote is kept
            messages.received(
                    conversation.id(), id, message.path("type").asString("unknown"), inbound.summary(), message);
        }
        Optional<Outbox.Batch> kept = outbox.keep(conversation, replies);
        conversations.save(conversation);
        return kept;
    }

    /** Meta's timestamp of the message (seconds), never later than now; now without one. */
    private Instant wroteAt(JsonNode message) {
        Instant now = clock.instant();
        long seconds = message.path("timestamp").asLong(0);
        Instant at = seconds > 0 ? Instant.ofEpochSecond(seconds) : now;
        return at.isAfter(now) ? now : at;
    }

    private void status(JsonNode status) {
        long seconds = status.path("timestamp").asLong(0);
        Instant at = seconds > 0 ? Instant.ofEpochSecond(seconds) : clock.instant();
        JsonNode error = status.path("errors").path(0);
        String detail = error.isMissingNode()
                ? null
                : error.path("code").asString("") + " " + error.path("title").asString("");
        messages.status(status.path("id").asString(), status.path("status").asString(), at, detail);
    }
}

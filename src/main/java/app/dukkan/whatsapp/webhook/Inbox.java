package app.dukkan.whatsapp.webhook;

import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import app.dukkan.platform.TextInput;
import app.dukkan.whatsapp.config.WhatsAppProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records what a webhook delivery carries, each message and status update once by its id (Meta
 * redelivers until it is answered 200, and sometimes after), and schedules a job for each new one in
 * the same transaction. The payload is kept only until its job has processed it.
 */
@Component
public class Inbox {

    /** Processes one recorded delivery: a message into the conversation, or a status onto the message. */
    public static final JobType<Entry> PROCESS = new JobType<>(
            "whatsapp-inbound", Entry.class, JobQueue.CRITICAL, RetryPolicy.exponential(8, Duration.ofSeconds(2)));

    /** A recorded delivery's id: {@code wamid.…} of a message, {@code status:<wamid>:<status>} of a status. */
    public record Entry(String id) {}

    /** What one delivery held: new entries, and those recorded before (redeliveries). */
    record Accepted(int recorded, int repeated, int ignored) {}

    private static final Pattern PHONE = Pattern.compile("[1-9]\\d{6,14}");
    private static final Pattern STATUS = Pattern.compile("sent|delivered|read|failed");

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final JsonMapper json;
    private final WhatsAppProperties properties;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Jobs jobs, JsonMapper json, WhatsAppProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records the messages and statuses of a delivery's {@code entry[].changes[].value} for the shop's
     * phone number; anything else (other fields, other numbers, malformed items) is ignored.
     */
    @Transactional
    Accepted accept(JsonNode delivery) {
        List<Item> items = new ArrayList<>();
        int ignored = 0;
        for (JsonNode entry : delivery.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                String number = value.path("metadata").path("phone_number_id").asString("");
                if (!number.equals(properties.phoneNumberId())) {
                    ignored += value.path("messages").size()
                            + value.path("statuses").size();
                    continue;
                }
                for (JsonNode message : value.path("messages")) {
                    Item item = message(message);
                    if (item == null) {
                        ignored++;
                    } else {
                        items.add(item);
                    }
                }
                for (JsonNode status : value.path("statuses")) {
                    Item item = status(status);
                    if (item == null) {
                        ignored++;
                    } else {
                        items.add(item);
                    }
                }
            }
        }
        int recorded = 0;
        Instant now = clock.instant();
        for (Item item : items) {
            if (record(item, now)) {
                jobs.schedule(PROCESS, item.id(), new Entry(item.id()));
                recorded++;
            }
        }
        return new Accepted(recorded, items.size() - recorded, ignored);
    }

    /**
     * Records a message the console's chat simulator sends as a customer would (its id starts with
     * {@code sim.}); the simulator processes it at once instead of through a job.
     */
    @Transactional
    public boolean acceptSimulated(String id, String phone, JsonNode message) {
        return record(new Item(id, "message", phone, message), clock.instant());
    }

    private boolean record(Item item, Instant now) {
        return jdbc.sql("""
                        insert into whatsapp_inbox (id, kind, phone, payload, received_at)
                        values (:id, :kind, :phone, cast(:payload as jsonb), :now)
                        on conflict (id) do nothing""")
                        .param("id", item.id())
                        .param("kind", item.kind())
                        .param("phone", item.phone())
                        .param("payload", json.writeValueAsString(item.payload()))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    private record Item(String id, String kind, String phone, JsonNode payload) {}

    private @Nullable Item message(JsonNode message) {
        String id = message.path("id").asString("");
        String from = message.path("from").asString("");
        if (id.isEmpty() || id.length() > 200 || !PHONE.matcher(from).matches()) {
            return null;
        }
        if (!TextInput.acceptable(message)) {
            // text PostgreSQL cannot store (NUL) or no client should send: recorded as a message the
            // conversation cannot read, so that the rest of the delivery is not refused with it
            return new Item(id, "message", from, unreadable(message, "from"));
        }
        return new Item(id, "message", from, message);
    }

    /** The message or status with only its ids, kind and time, when the rest holds unacceptable text. */
    private JsonNode unreadable(JsonNode item, String phoneField) {
        ObjectNode kept = json.createObjectNode()
                .put("id", item.path("id").asString(""))
                .put(phoneField, item.path(phoneField).asString(""))
                .put("timestamp", item.path("timestamp").asString(""));
        if (item.has("status")) {
            kept.put("status", item.path("status").asString(""));
        } else {
            kept.put("type", "unsupported");
        }
        return kept;
    }

    private @Nullable Item status(JsonNode status) {
        String id = status.path("id").asString("");
        String state = status.path("status").asString("");
        String to = status.path("recipient_id").asString("");
        if (id.isEmpty()
                || id.length() > 200
                || !STATUS.matcher(state).matches()
                || !PHONE.matcher(to).matches()) {
            return null;
        }
        return new Item(
                "status:" + id + ":" + state,
                "status",
                to,
                TextInput.acceptable(status) ? status : unreadable(status, "recipient_id"));
    }
}

package app.dukkan.whatsapp.outbound;

import app.dukkan.automation.connector.ConnectorException;
import app.dukkan.automation.connector.ConnectorUnavailableException;
import app.dukkan.automation.connector.WhatsAppCloudApi;
import app.dukkan.platform.JobDeadLettered;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.PermanentJobFailure;
import app.dukkan.whatsapp.chat.Conversation;
import app.dukkan.whatsapp.chat.ConversationStore;
import app.dukkan.whatsapp.config.WhatsAppProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a turn's replies through the Cloud API client one after the other, recording each as sent
 * with Meta's message id before the next goes. A refusal for good (an invalid number) fails that
 * message and makes the job a dead letter once the others went; a passing failure (5xx, timeout,
 * throttling) leaves the rest queued for the job's retry; an open circuit puts the job off without
 * spending an attempt. Replaying a dead letter sends its failed messages again. A turn's replies are
 * sent by the turn's own job, without a job of their own unless that first attempt fails.
 */
@Component
public class Sender {

    private final MessageStore messages;
    private final ConversationStore conversations;
    private final WhatsAppCloudApi api;
    private final Jobs jobs;
    private final Outbox outbox;
    private final WhatsAppProperties properties;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Sender(
            MessageStore messages,
            ConversationStore conversations,
            WhatsAppCloudApi api,
            Jobs jobs,
            Outbox outbox,
            WhatsAppProperties properties,
            JsonMapper json,
            MeterRegistry meters,
            TransactionTemplate transactions,
            Clock clock) {
        this.messages = messages;
        this.conversations = conversations;
        this.api = api;
        this.jobs = jobs;
        this.outbox = outbox;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Sends replies that were kept without a job ({@link Outbox#keep}), after their transaction. What
     * fails is handed to a send job, as that job's first failed attempt: retried with its back-off,
     * or a dead letter at once when the failure was for good.
     */
    public void sendAtOnce(Outbox.Batch batch) {
        try {
            send(batch);
        } catch (RuntimeException e) {
            transactions.executeWithoutResult(status ->
                    jobs.retry(outbox.sendType(), batch.messageIds().get(0).toString(), batch, e));
        }
    }

    void send(Outbox.Batch batch) {
        Conversation conversation = conversations.find(batch.conversationId()).orElse(null);
        if (conversation == null) {
            return; // erased since: nothing to send to
        }
        WhatsAppCloudApi.Account account =
                new WhatsAppCloudApi.Account(properties.phoneNumberId(), properties.accessToken());
        String refused = null;
        List<java.util.UUID> ids = batch.messageIds();
        for (int i = 0; i < ids.size(); i++) {
            MessageStore.Outgoing message = messages.outgoing(ids.get(i)).orElse(null);
            if (message == null
                    || !(message.status().equals("queued") || message.status().equals("failed"))) {
                continue;
            }
            boolean last = i == ids.size() - 1 && refused == null;
            if (conversation.optedOut() && !message.evenAfterOptOut()) {
                record(last, () -> messages.skipped(message.id(), "the customer opted out"));
                continue;
            }
            if (!message.template() && !conversation.windowOpen(clock.instant(), properties.serviceWindow())) {
                record(
                        last,
                        () -> messages.skipped(
                                message.id(), "outside the customer service window: only templates may be sent"));
                continue;
            }
            try {
                WhatsAppCloudApi.Sent sent =
                        api.send(account, conversation.phone(), new Stored(message.type(), message.content()));
                record(last, () -> messages.sent(message.id(), sent.messageId()));
                count("sent");
            } catch (ConnectorUnavailableException e) {
                Instant at = clock.instant().plus(e.retryAfter());
                Outbox.Batch rest = new Outbox.Batch(batch.conversationId(), ids.subList(i, ids.size()));
                jobs.schedule(outbox.sendType(), ids.get(i) + ":" + at.toEpochMilli(), rest, at);
                count("waiting");
                return;
            } catch (ConnectorException e) {
                messages.error(message.id(), e.getMessage(), !e.retryable());
                count(e.retryable() ? "retrying" : "failed");
                if (e.retryable()) {
                    throw e;
                }
                refused = e.getMessage();
            }
        }
        if (refused != null) {
            throw new PermanentJobFailure(refused, new IllegalStateException(refused));
        }
    }

    /**
     * Records what became of a message. The batch's last, when none was refused for good, also
     * completes the job that sends it, in one transaction (no commit of the scheduler's after it).
     */
    private void record(boolean last, Runnable write) {
        if (!last) {
            write.run();
            return;
        }
        transactions.executeWithoutResult(status -> {
            write.run();
            jobs.completeRunningJob();
        });
    }

    /** Attempts ran out: what is still queued of the batch failed, for operators to see and replay. */
    @EventListener
    void on(JobDeadLettered deadLettered) {
        if (!deadLettered.task().equals(outbox.sendType().name())) {
            return;
        }
        Outbox.Batch batch = json.readValue(deadLettered.payload(), Outbox.Batch.class);
        for (java.util.UUID id : batch.messageIds()) {
            messages.error(id, deadLettered.error(), true);
        }
        meters.counter("whatsapp.messages.dead", List.of()).increment();
    }

    private void count(String outcome) {
        meters.counter("whatsapp.messages.sends", "outcome", outcome).increment();
    }

    /** A stored message in the client's terms. */
    private record Stored(String type, Map<String, Object> content) implements WhatsAppCloudApi.Message {}
}

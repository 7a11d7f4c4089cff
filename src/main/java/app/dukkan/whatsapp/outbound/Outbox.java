package app.dukkan.whatsapp.outbound;

import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import app.dukkan.whatsapp.chat.Conversation;
import app.dukkan.whatsapp.chat.Reply;
import app.dukkan.whatsapp.config.WhatsAppProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps replies to send in the transaction that made them: a turn's, which its own job then sends
 * ({@link Sender#sendAtOnce}), or other news, with one job that sends them in their order. The
 * simulator's conversations are answered on the spot: their messages are kept as delivered and
 * nothing goes to Meta.
 */
@Component
public class Outbox {

    /** A turn's replies to send, in order; those already sent are skipped when the job runs again. */
    public record Batch(UUID conversationId, List<UUID> messageIds) {}

    private final MessageStore messages;
    private final Jobs jobs;
    private final JobType<Batch> sendType;
    private final WhatsAppProperties properties;
    private final Clock clock;

    Outbox(MessageStore messages, Jobs jobs, WhatsAppProperties properties, Clock clock) {
        this.messages = messages;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
        this.sendType = type(properties);
    }

    static JobType<Batch> type(WhatsAppProperties properties) {
        return new JobType<>(
                "whatsapp-send",
                Batch.class,
                JobQueue.CRITICAL,
                RetryPolicy.exponential(
                        properties.retry().maxAttempts(), properties.retry().firstDelay()));
    }

    JobType<Batch> sendType() {
        return sendType;
    }

    /** Queues the replies to the conversation's customer with a job that sends them; joins the caller's transaction. */
    public void queue(Conversation conversation, List<Reply> replies) {
        keep(conversation, replies)
                .ifPresent(batch ->
                        jobs.schedule(sendType, batch.messageIds().get(0).toString(), batch));
    }

    /**
     * Keeps the replies to the conversation's customer, in the caller's transaction.
     *
     * @return those to send, for the caller to send once the transaction committed; empty when none is
     */
    public Optional<Batch> keep(Conversation conversation, List<Reply> replies) {
        List<UUID> queued = new ArrayList<>();
        for (Reply reply : replies) {
            String status;
            String error = null;
            if (conversation.optedOut() && !reply.evenAfterOptOut()) {
                status = "skipped";
                error = "the customer opted out";
            } else if (!reply.template() && !conversation.windowOpen(clock.instant(), properties.serviceWindow())) {
                status = "skipped";
                error = "outside the customer service window: only templates may be sent";
            } else {
                status = conversation.simulated() ? "delivered" : "queued";
            }
            UUID id = messages.queue(
                    conversation.id(),
                    reply.type(),
                    reply.content(),
                    reply.summary(),
                    reply.template(),
                    reply.evenAfterOptOut(),
                    status,
                    error);
            if (status.equals("queued")) {
                queued.add(id);
            }
        }
        return queued.isEmpty() ? Optional.empty() : Optional.of(new Batch(conversation.id(), queued));
    }
}

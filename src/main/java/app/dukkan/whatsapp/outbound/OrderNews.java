package app.dukkan.whatsapp.outbound;

import app.dukkan.orders.OrderPaid;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.Money;
import app.dukkan.platform.RetryPolicy;
import app.dukkan.whatsapp.chat.ChatTexts;
import app.dukkan.whatsapp.chat.ConversationStore;
import app.dukkan.whatsapp.chat.Reply;
import app.dukkan.whatsapp.config.WhatsAppProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells a chat customer their order is paid: a job scheduled in the payment's transaction when a
 * conversation waits for that draft, which sends the confirmation with the order's number as a
 * free-form message inside the 24-hour window, else as the approved {@code order-paid} template.
 */
@Component
class OrderNews {

    static final JobType<Paid> PAID = new JobType<>(
            "whatsapp-order-paid", Paid.class, JobQueue.DEFAULT, RetryPolicy.exponential(8, Duration.ofSeconds(5)));

    record Paid(UUID orderId, String number, Money total) {}

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final ConversationStore conversations;
    private final Outbox outbox;
    private final ChatTexts texts;
    private final WhatsAppProperties properties;
    private final Clock clock;

    OrderNews(
            JdbcClient jdbc,
            Jobs jobs,
            ConversationStore conversations,
            Outbox outbox,
            ChatTexts texts,
            WhatsAppProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.conversations = conversations;
        this.outbox = outbox;
        this.texts = texts;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(OrderPaid paid) {
        boolean waiting = jdbc.sql("select exists (select 1 from whatsapp_conversations where draft_id = ?)")
                .param(paid.orderId())
                .query(Boolean.class)
                .single();
        if (waiting) {
            jobs.schedule(PAID, paid.orderId().toString(), new Paid(paid.orderId(), paid.number(), paid.total()));
        }
    }

    @Transactional
    void confirm(Paid paid) {
        conversations.lockByDraft(paid.orderId()).ifPresent(conversation -> {
            Reply reply = conversation.windowOpen(clock.instant(), properties.serviceWindow())
                    ? Reply.text(texts.text(
                            conversation, "chat.paid", paid.number(), texts.money(conversation, paid.total())))
                    : Reply.template(
                            properties.templates().orderPaid(),
                            texts.locale(conversation).getLanguage(),
                            List.of(paid.number()),
                            texts.text(
                                    conversation, "chat.paid", paid.number(), texts.money(conversation, paid.total())));
            conversation.paid();
            outbox.queue(conversation, List.of(reply));
            conversations.save(conversation);
        });
    }
}

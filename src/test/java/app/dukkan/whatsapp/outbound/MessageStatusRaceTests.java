package app.dukkan.whatsapp.outbound;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.whatsapp.WhatsAppContext;
import app.dukkan.whatsapp.chat.ConversationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A status Meta reports while the send is being recorded: applied once, never lost. */
class MessageStatusRaceTests extends WhatsAppContext {

    @Autowired
    MessageStore messages;

    @Autowired
    ConversationStore conversations;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aStatusArrivingBeforeTheSendCommitsIsApplied() throws Exception {
        UUID conversation = transactions.execute(
                status -> conversations.lock(newPhone("44"), false).id());
        UUID message =
                messages.queue(conversation, "text", Map.of("body", "Hello"), "Hello", false, false, "queued", null);
        String wamid = newMessageId();
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // the sender's transaction stays open after recording the send
            Future<?> send = threads.submit(() -> transactions.executeWithoutResult(status -> {
                messages.sent(message, wamid);
                recorded.countDown();
                try {
                    commit.await(20, SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(recorded.await(20, SECONDS)).isTrue();
            Future<?> report = threads.submit(() -> messages.status(wamid, "delivered", Instant.now(), null));
            // done at once (nothing serializes them) or waiting for the sender's transaction
            await().atMost(Duration.ofSeconds(20)).until(() -> report.isDone() || waitsForTheMessage(wamid));
            commit.countDown();
            send.get(20, SECONDS);
            report.get(20, SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(jdbc.sql("select status from whatsapp_messages where id = ?")
                        .param(message)
                        .query(String.class)
                        .single())
                .isEqualTo("delivered");
        assertThat(jdbc.sql("select count(*) from whatsapp_early_statuses where wa_message_id = ?")
                        .param(wamid)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** Whether a transaction waits for the message's advisory lock (a bigint key: high and low halves). */
    private boolean waitsForTheMessage(String wamid) {
        return jdbc.sql("""
                        select exists(select 1 from pg_locks where locktype = 'advisory' and not granted
                           and ((classid::text::bigint << 32) | objid::text::bigint)
                               = hashtextextended('whatsapp-message:' || ?, 0))""").param(wamid).query(Boolean.class).single();
    }
}

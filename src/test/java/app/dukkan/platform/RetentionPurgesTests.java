package app.dukkan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The nightly retention purges of each module delete exactly what is older than its retention. */
@DukkanTest
class RetentionPurgesTests {

    private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(400));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<RetentionPurge> all;

    @Autowired
    RetentionPurges purges;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TransactionTemplate transactions;

    private RetentionPurge purge(String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private double counted(String name) {
        var counter = meters.find("dukkan.retention.purged").tag("purge", name).counter();
        return counter == null ? 0 : counter.count();
    }

    private boolean exists(String table, UUID id) {
        return jdbc.sql("select count(*) from " + table + " where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                == 1;
    }

    @Test
    void everyModulesPurgeIsKnownWithItsRetention() {
        assertThat(all)
                .extracting(RetentionPurge::name)
                .contains("payment-events", "account-tokens", "mailbox", "abandoned-drafts", "automation-logs");
        assertThat(purge("payment-events").retention()).isEqualTo(Duration.ofDays(90));
        assertThat(purge("abandoned-drafts").retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void processedPaymentEventsGoAfterTheirRetentionAndUnprocessedOnesStay() {
        UUID oldProcessed = event(LONG_AGO, LONG_AGO);
        UUID oldUnprocessed = event(LONG_AGO, null);
        UUID recent = event(Instant.now(), Instant.now());
        double before = counted("payment-events");

        assertThat(purges.run(purge("payment-events"))).isEqualTo(1);
        assertThat(exists("payment_events", oldProcessed)).isFalse();
        assertThat(exists("payment_events", oldUnprocessed)).isTrue();
        assertThat(exists("payment_events", recent)).isTrue();
        assertThat(counted("payment-events")).isEqualTo(before + 1);
        assertThat(purges.run(purge("payment-events"))).as("idempotent").isZero();
    }

    @Test
    void accountTokensGoSomeDaysAfterTheyExpired() {
        ApiClient customer = new Shop(port).customer();
        UUID user = UUID.fromString(customer.get("/api/v1/me").json().get("id").asString());
        UUID expiredLongAgo = token(user, LONG_AGO, LONG_AGO);
        UUID usedButNotExpired = token(user, Instant.now().plus(Duration.ofHours(1)), LONG_AGO);
        UUID expiredYesterday = token(user, Instant.now().minus(Duration.ofDays(1)), null);

        assertThat(purges.run(purge("account-tokens"))).isEqualTo(1);
        assertThat(exists("user_tokens", expiredLongAgo)).isFalse();
        assertThat(exists("user_tokens", usedButNotExpired)).isTrue();
        assertThat(exists("user_tokens", expiredYesterday)).isTrue();
        assertThat(purges.run(purge("account-tokens"))).isZero();
    }

    @Test
    void mailboxMailsGoAfterTheirRetention() {
        UUID old = mail(LONG_AGO);
        UUID recent = mail(Instant.now().minus(Duration.ofDays(29)));

        assertThat(purges.run(purge("mailbox"))).isEqualTo(1);
        assertThat(exists("mailbox_messages", old)).isFalse();
        assertThat(exists("mailbox_messages", recent)).isTrue();
    }

    @Test
    void abandonedDraftsGoThoseThatStartedAPaymentWithARecordAndPaidOrdersStay() {
        Shop shop = new Shop(port);
        Shop.Variant mug = shop.product("9.00", 20);
        String abandoned = draftOf(shop, mug);
        String recent = draftOf(shop, mug);
        // a payment started, then the draft changed: it is a draft again, with its hold
        ApiClient changing = shop.guest();
        shop.addToCart(changing, mug, 1);
        String held = shop.draft(changing, "held@example.com", null).get("id").asString();
        shop.intent(changing, held).expectStatus(201);
        changing.patch("/api/v1/orders/draft/" + held, Map.of("email", "held-again@example.com"))
                .expectStatus(200);
        ApiClient waiting = shop.guest();
        shop.addToCart(waiting, mug, 1);
        String awaiting =
                shop.draft(waiting, "waiting@example.com", null).get("id").asString();
        shop.intent(waiting, awaiting).expectStatus(201);
        String paid =
                shop.buy(shop.guest(), mug, 1, "paid@example.com").get("id").asString();
        for (String id : List.of(abandoned, held, awaiting, paid)) {
            jdbc.sql("update orders set updated_at = ?, created_at = ? where id = ?::uuid")
                    .params(Timestamp.from(LONG_AGO), Timestamp.from(LONG_AGO), id)
                    .update();
        }
        assertThat(status(held)).isEqualTo("draft");

        assertThat(purges.run(purge("abandoned-drafts"))).isEqualTo(3);
        assertThat(status(abandoned)).isNull();
        assertThat(status(recent)).isEqualTo("draft");
        assertThat(status(held)).isNull();
        assertThat(purged(held))
                .as("its payment may still arrive, to be refunded")
                .isTrue();
        assertThat(purged(abandoned)).as("it never started one").isFalse();
        assertThat(status(awaiting))
                .as("no authorisation stays pending this long: the shopper's email goes")
                .isNull();
        assertThat(purged(awaiting))
                .as("its payment may still arrive, to be refunded")
                .isTrue();
        assertThat(jdbc.sql("select count(*) from payment_holds where order_id = ?::uuid")
                        .param(awaiting)
                        .query(Long.class)
                        .single())
                .as("its holds released")
                .isZero();
        assertThat(status(paid)).isEqualTo("paid");
        assertThat(purges.run(purge("abandoned-drafts"))).isZero();
    }

    @Test
    void whatsappDeliveriesGoAfterTheirRetentionProcessedOrNotWithStatusesThatFoundNoMessage() {
        String oldProcessed = inbox(LONG_AGO, LONG_AGO);
        String oldDeadLetter = inbox(LONG_AGO, null);
        String recentUnprocessed = inbox(Instant.now(), null);
        String orphanStatus = "wamid.orphan-" + UUID.randomUUID();
        jdbc.sql("insert into whatsapp_early_statuses (wa_message_id, status, at) values (?, 'read', ?)")
                .params(orphanStatus, Timestamp.from(LONG_AGO))
                .update();

        assertThat(purges.run(purge("whatsapp-inbox"))).isGreaterThanOrEqualTo(3);
        assertThat(inboxHas(oldProcessed)).isFalse();
        assertThat(inboxHas(oldDeadLetter))
                .as("a dead letter's text is not kept forever")
                .isFalse();
        assertThat(inboxHas(recentUnprocessed)).isTrue();
        assertThat(jdbc.sql("select count(*) from whatsapp_early_statuses where wa_message_id = ?")
                        .param(orphanStatus)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(purges.run(purge("whatsapp-inbox"))).as("idempotent").isZero();
    }

    private String inbox(Instant received, Instant processed) {
        String id = "wamid.purge-" + UUID.randomUUID();
        jdbc.sql("""
                        insert into whatsapp_inbox (id, kind, phone, payload, received_at, processed_at)
                        values (?, 'message', '4915112345678', ?::jsonb, ?, ?)""")
                .params(
                        id,
                        processed == null ? "{\"text\": {\"body\": \"my address is …\"}}" : null,
                        Timestamp.from(received),
                        processed == null ? null : Timestamp.from(processed))
                .update();
        return id;
    }

    private boolean inboxHas(String id) {
        return jdbc.sql("select count(*) from whatsapp_inbox where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                == 1;
    }

    @Test
    void eachPurgeIsOneDeleteOverItsIndex() {
        Map<String, String> deletes = Map.of(
                "payment_events_processed_idx",
                "delete from payment_events where processed_at is not null and processed_at < now() - interval '30 days'",
                "user_tokens_expires_idx",
                "delete from user_tokens where expires_at < now() - interval '30 days'",
                "mailbox_messages_recent_idx",
                "delete from mailbox_messages where created_at < now() - interval '30 days'",
                "whatsapp_inbox_unprocessed_idx",
                "delete from whatsapp_inbox where processed_at is null and received_at < now() - interval '30 days'",
                "whatsapp_early_statuses_at_idx",
                "delete from whatsapp_early_statuses where at < now() - interval '30 days'",
                "orders_abandoned_drafts_idx",
                "delete from orders where id in (select id from orders where (status = 'draft' and payment_id is null"
                        + " or status = 'awaiting_payment') and updated_at < now() - interval '30 days' order by updated_at limit 1000 for update skip locked)");
        deletes.forEach((index, delete) -> {
            String plan = transactions.execute(status -> {
                // the tables are small here: without this the planner would rightly scan them. The cutoff
                // lies in the past, as the purges' does: before now() every row qualifies, and the planner
                // may then find a whole scan of another index of the table as cheap
                jdbc.sql("set local enable_seqscan = off").update();
                return String.join(
                        "\n", jdbc.sql("explain " + delete).query(String.class).list());
            });
            assertThat(plan).as(delete).contains(index);
        });
    }

    private boolean purged(String orderId) {
        return jdbc.sql("select count(*) from purged_drafts where order_id = ?::uuid")
                        .param(orderId)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private String draftOf(Shop shop, Shop.Variant variant) {
        ApiClient guest = shop.guest();
        shop.addToCart(guest, variant, 1);
        return shop.draft(guest, "abandoned@example.com", null).get("id").asString();
    }

    private String status(String orderId) {
        return jdbc.sql("select status from orders where id = ?::uuid")
                .param(orderId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private UUID event(Instant received, Instant processed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into payment_events (id, provider, provider_event_id, type, payload, received_at,
                                                    processed_at)
                        values (?, 'test', ?, 'payment_intent.succeeded', '{}'::jsonb, ?, ?)""")
                .params(id, "evt_" + id, Timestamp.from(received), processed == null ? null : Timestamp.from(processed))
                .update();
        return id;
    }

    private UUID token(UUID user, Instant expires, Instant used) {
        UUID id = UUID.randomUUID();
        byte[] hash = new byte[32];
        new java.security.SecureRandom().nextBytes(hash);
        jdbc.sql("""
                        insert into user_tokens (id, purpose, user_id, token_hash, expires_at, used_at, created_at)
                        values (?, 'password-reset', ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        user,
                        hash,
                        Timestamp.from(expires),
                        used == null ? null : Timestamp.from(used),
                        Timestamp.from(LONG_AGO))
                .update();
        return id;
    }

    private UUID mail(Instant created) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into mailbox_messages (id, recipient, subject, text_body, html_body, kind, key, locale,
                                                      created_at)
                        values (?, 'kept@example.com', 'Hello', 'text', '<p>html</p>', 'plain-text', ?, 'en', ?)""").params(id, id.toString(), Timestamp.from(created)).update();
        return id;
    }
}

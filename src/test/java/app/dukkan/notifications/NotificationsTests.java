package app.dukkan.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.catalog.Stock;
import app.dukkan.identity.EmailVerificationRequested;
import app.dukkan.identity.PasswordResetRequested;
import app.dukkan.identity.UserId;
import app.dukkan.identity.UserRegistered;
import app.dukkan.notifications.mail.MailKind;
import app.dukkan.notifications.sending.MailDelivery;
import app.dukkan.notifications.sending.MailJob;
import app.dukkan.payments.PaymentRefundRefused;
import app.dukkan.platform.Money;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Mails of the default configuration: no SMTP server, so they land in the development mailbox. */
@DukkanTest
class NotificationsTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MailDelivery delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Stock stock;

    Shop shop;
    DevMailboxClient mailbox;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        mailbox = new DevMailboxClient(shop.admin());
    }

    @Test
    void aPaidOrderSendsOneConfirmationWithItsLinesAndTotals() {
        String email = CatalogFixtures.unique("buyer-") + "@example.com";
        Shop.Variant variant = shop.product("19.99", 5);
        JsonNode paid = shop.buy(shop.guest(), variant, 2, email);
        String number = paid.get("number").asString();
        BigDecimal total = paid.get("totals").get("total").get("amount").decimalValue();

        JsonNode mail = mailbox.awaitExactly(email, "order-confirmation", 1).get(0);
        assertThat(mail.get("subject").asString()).isEqualTo("Your order " + number + " is confirmed");
        assertThat(mail.get("to").asString()).isEqualTo(email);
        assertThat(mail.get("locale").asString()).isEqualTo("en");
        assertThat(mail.get("text").asString())
                .contains(number, "2 × ", "€39.98", "Total: €" + total.toPlainString())
                .contains("http://localhost:8080/orders/link/")
                .doesNotContain("/api/");
        assertThat(mail.get("html").asString())
                .contains(
                        number,
                        "€" + total.toPlainString(),
                        "href=\"http://localhost:8080/orders/link/",
                        "dir=\"ltr\"");
    }

    @Test
    void aGuestsOrderMailSpeaksTheLanguageTheyCheckedOutIn() {
        String email = CatalogFixtures.unique("zaboun-") + "@example.com";
        ApiClient guest = shop.guest().header("Accept-Language", "ar-EG,ar;q=0.9");
        String number = shop.buy(guest, shop.product("12.00", 5), 1, email)
                .get("number")
                .asString();

        JsonNode mail = mailbox.awaitExactly(email, "order-confirmation", 1).get(0);
        assertThat(mail.get("locale").asString()).isEqualTo("ar");
        assertThat(mail.get("subject").asString()).contains(number).doesNotContain("Your order");
        assertThat(mail.get("html").asString()).contains("dir=\"rtl\"", "href=\"http://localhost:8080/ar/orders/link/");
    }

    @Test
    void aCustomersOrderMailSpeaksTheLanguageOfTheAccount() {
        String email = CatalogFixtures.unique("kundin-") + "@example.com";
        ApiClient customer = germanCustomer(email);
        String number = shop.buy(customer, shop.product("12.00", 5), 1, null)
                .get("number")
                .asString();

        JsonNode mail = mailbox.awaitExactly(email, "order-confirmation", 1).get(0);
        assertThat(mail.get("locale").asString()).isEqualTo("de");
        assertThat(mail.get("subject").asString()).isEqualTo("Ihre Bestellung " + number + " ist bestätigt");
        assertThat(mail.get("text").asString())
                .as("the shipping option in the mail's language")
                .contains("(Standard (2–4 Werktage))");
        assertThat(mail.get("text").asString()).contains("http://localhost:8080/de/account/orders/" + number);
    }

    @Test
    void shippingAndEachPartialRefundSendAMail() {
        String email = CatalogFixtures.unique("buyer-") + "@example.com";
        String number = shop.buy(shop.guest(), shop.product("30.00", 5), 1, email)
                .get("number")
                .asString();
        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of("carrier", "DHL", "tracking_number", "00340"))
                .expectStatus(200);
        JsonNode shipped = mailbox.awaitExactly(email, "order-shipped", 1).get(0);
        assertThat(shipped.get("subject").asString()).contains(number);
        assertThat(shipped.get("text").asString()).contains("Tracking number: 00340");

        for (int i = 0; i < 2; i++) {
            admin.post(
                            "/api/v1/admin/orders/" + number + "/refunds",
                            Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"), "reason", "scratch"))
                    .expectStatus(200);
        }
        List<JsonNode> refunds = mailbox.awaitExactly(email, "refund-issued", 2);
        assertThat(refunds)
                .allSatisfy(refund -> assertThat(refund.get("text").asString())
                        .contains("We refunded €5.00 for your order " + number));
    }

    /**
     * A refund the customer was mailed about that the provider then refuses mails them once, in the
     * account's language, that it could not be completed, though the refusal arrives twice; their
     * order's page says so until the money is refunded again.
     */
    @Test
    void aRefusedRefundMailsTheCustomerOnceAndTheirOrderPageSaysSo() {
        String email = CatalogFixtures.unique("refused-") + "@example.com";
        ApiClient customer = germanCustomer(email);
        String number = shop.buy(customer, shop.product("30.00", 5), 1, null)
                .get("number")
                .asString();
        ApiClient admin = shop.admin();
        admin.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(200);
        mailbox.awaitExactly(email, "refund-issued", 1);
        UUID orderId = UUID.fromString(
                admin.get("/api/v1/admin/orders/" + number).json().get("id").asString());
        UUID paymentId = jdbc.sql("select payment_id from orders where id = ?")
                .param(orderId)
                .query(UUID.class)
                .single();
        UUID refundId = jdbc.sql("select payment_refund from order_refunds where order_id = ?")
                .param(orderId)
                .query(UUID.class)
                .single();

        // the refusal, delivered twice (a redelivered webhook, a replayed job)
        PaymentRefundRefused refused = new PaymentRefundRefused(
                paymentId, orderId.toString(), refundId, Money.ofMinor(500, "EUR"), "lost_or_stolen_card");
        for (int i = 0; i < 2; i++) {
            transactions.executeWithoutResult(status -> events.publishEvent(refused));
        }

        JsonNode mail = mailbox.awaitExactly(email, "refund-failed", 1).get(0);
        assertThat(mail.get("locale").asString()).isEqualTo("de");
        assertThat(mail.get("subject").asString())
                .isEqualTo("Die Erstattung für Ihre Bestellung " + number + " konnte nicht abgeschlossen werden");
        assertThat(mail.get("text").asString())
                .contains("Die Erstattung von 5,00", "für Ihre Bestellung " + number, "abgelehnt")
                .contains("http://localhost:8080/de/account/orders/" + number);
        assertThat(scheduledMails("mail-refund-failed", refundId.toString())).isZero();
        assertThat(mailbox.mails(email, "refund-failed")).hasSize(1);

        PageClient pages = PageClient.signedIn(port, email, "correct horse 42");
        Page page = pages.get("/account/orders/" + number).expectStatus(200);
        assertThat(page.one(".refund-refused").text()).contains("€5.00").contains("could not be completed yet");

        // the refused money is left to refund; refunded again, the notice goes
        assertThat(admin.get("/api/v1/admin/orders/" + number)
                        .json()
                        .get("refunded")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("0.00");
        admin.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(200);
        assertThat(pages.get("/account/orders/" + number)
                        .expectStatus(200)
                        .html()
                        .select(".refund-refused"))
                .isEmpty();
    }

    /**
     * An operator cancels a paid order after a partial refund: one mail says what is left is being
     * refunded (not the operator's reason), and the provider's confirmation of that refund mails
     * nothing more.
     */
    @Test
    void cancellingAPaidOrderMailsWhatIsRefundedOnce() {
        String email = CatalogFixtures.unique("cancelled-") + "@example.com";
        String number = shop.buy(shop.guest(), shop.product("30.00", 5), 1, email)
                .get("number")
                .asString();
        ApiClient admin = shop.admin();
        admin.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(200);
        mailbox.awaitExactly(email, "refund-issued", 1);

        admin.post("/api/v1/admin/orders/" + number + "/cancel", Map.of("reason", "suspected fraud"))
                .expectStatus(200);
        String orderId =
                admin.get("/api/v1/admin/orders/" + number).json().get("id").asString();
        awaitRefundsConfirmed(orderId, 2);

        JsonNode mail = mailbox.awaitExactly(email, "order-cancelled", 1).get(0);
        assertThat(mail.get("subject").asString()).isEqualTo("Your order " + number + " is cancelled");
        assertThat(mail.get("text").asString())
                .contains("We cancelled your order " + number + ": it will not be shipped.")
                .contains("We are refunding €29.90, what is left of your payment") // 34.90 with shipping, less 5.00
                .contains("Your bank may take a few days to show the money.")
                .doesNotContain("fraud", "We are sorry");
        assertThat(mail.get("html").asString()).contains("€29.90");
        assertThat(mailbox.mails(email, "refund-issued"))
                .as("the partial refund's alone")
                .hasSize(1);
        assertThat(scheduledMails("mail-refund-issued", orderId)).isZero();
    }

    /**
     * A payment that arrived after the stock was sold elsewhere: the order is cancelled and the whole
     * payment refunded, which one mail explains; the refund's confirmation mails nothing more.
     */
    @Test
    void aPaymentTooLateForTheStockMailsTheCancellationAndTheFullRefund() {
        String email = CatalogFixtures.unique("late-payer-") + "@example.com";
        Shop.Variant variant = shop.product("11.00", 1);
        ApiClient late = shop.guest();
        shop.addToCart(late, variant, 1);
        String draftId = shop.draft(late, email, null).get("id").asString();
        String secret = shop.clientSecret(late, draftId);
        jdbc.sql("update stock_reservations set expires_at = now() - interval '1 minute' where reservation_key = ?")
                .param(draftId)
                .update();
        stock.releaseExpired(Instant.now());
        shop.buy(shop.customer(), variant, 1, null);

        shop.confirm(late, secret, Shop.SUCCESS_CARD);
        String number =
                shop.awaitDraft(late, draftId, "cancelled").get("number").asString();
        awaitRefundsConfirmed(draftId, 1);

        JsonNode mail = mailbox.awaitExactly(email, "order-cancelled", 1).get(0);
        assertThat(mail.get("subject").asString()).isEqualTo("Your order " + number + " is cancelled");
        assertThat(mail.get("text").asString())
                .contains("Your payment arrived after the last of an item you ordered had been sold.")
                .contains("We are refunding all you paid, €15.90, to the card or account you paid with.")
                .contains("Your bank may take a few days to show the money.");
        assertThat(mailbox.mails(email, "order-confirmation")).isEmpty();
        assertThat(mailbox.mails(email, "refund-issued")).isEmpty();
        assertThat(scheduledMails("mail-refund-issued", draftId)).isZero();
    }

    /** Waits until the provider's reports of {@code count} refunds of the order were processed. */
    /** A signed-in customer whose account speaks German. */
    private ApiClient germanCustomer(String email) {
        return new ApiClient(port)
                .header("Accept-Language", "de-DE,de;q=0.9")
                .register(email, "correct horse 42")
                .login(email, "correct horse 42");
    }

    private void awaitRefundsConfirmed(String orderId, int count) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("""
                                select count(*) from payment_events
                                where type = 'charge.refunded' and processed_at is not null and payload::text like ?""")
                                .param("%" + orderId + "%")
                                .query(Long.class)
                                .single()
                        >= count);
    }

    private long scheduledMails(String task, String orderId) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance like ?")
                .params(task, orderId + "%")
                .query(Long.class)
                .single();
    }

    @Test
    void accountEventsSendLocalizedMailsWithTheirLinks() {
        String email = CatalogFixtures.unique("account-") + "@example.com";
        UserId user = new UserId(UUID.randomUUID());
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new UserRegistered(user, email, Locale.GERMANY));
            events.publishEvent(new PasswordResetRequested(user, email, "reset-token-123", expiry, new Locale("ar")));
            events.publishEvent(new EmailVerificationRequested(user, email, "verify/token+1", expiry, Locale.ENGLISH));
        });

        JsonNode welcome = mailbox.awaitExactly(email, "welcome", 1).get(0);
        assertThat(welcome.get("subject").asString()).isEqualTo("Willkommen bei Dukkan");
        assertThat(welcome.get("locale").asString()).isEqualTo("de");

        JsonNode reset = mailbox.awaitExactly(email, "password-reset", 1).get(0);
        assertThat(reset.get("html").asString())
                .contains("dir=\"rtl\"", "http://localhost:8080/ar/account/reset-password?token=reset-token-123");
        assertThat(reset.get("text").asString()).contains("reset-token-123");
        assertThat(reset.get("key").asString()).as("the job key holds no token").doesNotContain("reset-token-123");

        JsonNode verification =
                mailbox.awaitExactly(email, "email-verification", 1).get(0);
        assertThat(verification.get("text").asString())
                .contains("http://localhost:8080/account/verify-email?token=verify%2Ftoken%2B1");
    }

    @Test
    void anExpiredLinkIsNotMailed() {
        String email = CatalogFixtures.unique("late-") + "@example.com";
        transactions.executeWithoutResult(status -> events.publishEvent(new PasswordResetRequested(
                new UserId(UUID.randomUUID()), email, "old-token", Instant.now().minusSeconds(1), Locale.ENGLISH)));
        transactions.executeWithoutResult(status -> events.publishEvent(new PasswordResetRequested(
                new UserId(UUID.randomUUID()), email, "new-token", Instant.now().plusSeconds(600), Locale.ENGLISH)));
        assertThat(mailbox.awaitExactly(email, "password-reset", 1)
                        .get(0)
                        .get("text")
                        .asString())
                .contains("new-token");
    }

    @Test
    void aRolledBackChangeMailsNothing() {
        String email = CatalogFixtures.unique("rollback-") + "@example.com";
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new UserRegistered(new UserId(UUID.randomUUID()), email, Locale.ENGLISH));
            status.setRollbackOnly();
        });
        String registered = CatalogFixtures.unique("kept-") + "@example.com";
        transactions.executeWithoutResult(status ->
                events.publishEvent(new UserRegistered(new UserId(UUID.randomUUID()), registered, Locale.ENGLISH)));
        mailbox.awaitExactly(registered, "welcome", 1);
        assertThat(mailbox.mails(email, "welcome")).isEmpty();
    }

    @Test
    void aMailJobThatRunsTwiceSendsOnce() {
        String email = CatalogFixtures.unique("twice-") + "@example.com";
        MailJob job =
                new MailJob(MailKind.WELCOME, "twice-" + UUID.randomUUID(), email, "en", null, null, false, null, null);
        delivery.deliver(job);
        delivery.deliver(job);
        assertThat(mailbox.awaitExactly(email, "welcome", 1)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from sent_mails where kind = 'welcome' and key = ?")
                        .param(job.key())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}

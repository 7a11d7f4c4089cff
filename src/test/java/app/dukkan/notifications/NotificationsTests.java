package app.dukkan.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.EmailVerificationRequested;
import app.dukkan.identity.PasswordResetRequested;
import app.dukkan.identity.UserId;
import app.dukkan.identity.UserRegistered;
import app.dukkan.notifications.mail.MailKind;
import app.dukkan.notifications.sending.MailDelivery;
import app.dukkan.notifications.sending.MailJob;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
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
                .contains("http://localhost:8080/api/v1/orders/" + number);
        assertThat(mail.get("html").asString())
                .contains(number, "€" + total.toPlainString(), "/api/v1/orders/" + number, "dir=\"ltr\"");
    }

    @Test
    void aCustomersOrderMailSpeaksTheLanguageOfTheAccount() {
        String email = CatalogFixtures.unique("kundin-") + "@example.com";
        ApiClient customer = new ApiClient(port)
                .header("Accept-Language", "de-DE,de;q=0.9")
                .register(email, "correct horse 42")
                .login(email, "correct horse 42");
        String number = shop.buy(customer, shop.product("12.00", 5), 1, null)
                .get("number")
                .asString();

        JsonNode mail = mailbox.awaitExactly(email, "order-confirmation", 1).get(0);
        assertThat(mail.get("locale").asString()).isEqualTo("de");
        assertThat(mail.get("subject").asString()).isEqualTo("Ihre Bestellung " + number + " ist bestätigt");
        assertThat(mail.get("text").asString())
                .as("the shipping option in the mail's language")
                .contains("(Standard (2–4 Werktage))");
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

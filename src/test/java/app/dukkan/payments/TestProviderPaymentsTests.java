package app.dukkan.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.StripeSignatures;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The built-in test provider end to end: confirm over HTTP, signed event, processing, payment events. */
@DukkanTest
class TestProviderPaymentsTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    Payments payments;

    @Autowired
    PaymentEventsRecorder recorder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Environment environment;

    private PaymentIntent intent(long minor) {
        String reference = "order-" + UUID.randomUUID();
        return payments.createIntent(new IntentRequest(
                reference, Money.ofMinor(minor, "EUR"), "key-" + reference, "Order " + reference, "a@test.dukkan"));
    }

    private ApiClient.Response confirm(PaymentIntent intent, String card) {
        return new ApiClient(port)
                .post(
                        "/api/v1/payments/test/confirm",
                        Map.of("client_secret", intent.clientSecret(), "card_number", card));
    }

    private ApiClient.Response authenticate(PaymentIntent intent, boolean approve) {
        return new ApiClient(port)
                .post(
                        "/api/v1/payments/test/authenticate",
                        Map.of("client_secret", intent.clientSecret(), "approve", approve));
    }

    private String status(PaymentIntent intent) {
        return jdbc.sql("select status from payments where id = ?")
                .param(intent.paymentId())
                .query(String.class)
                .single();
    }

    @Test
    void isActiveOutsideTheDevProfileOnlyBecauseTheSettingSwitchesItOn() {
        assertThat(environment.getActiveProfiles()).contains("test").doesNotContain("dev");
        assertThat(environment.getProperty("dukkan.payments.test-provider.enabled"))
                .isEqualTo("true");
        assertThat(intent(100).provider()).isEqualTo("test");
    }

    @Test
    void createsATestIntentWithAClientSecret() {
        PaymentIntent intent = intent(1999);
        assertThat(intent.provider()).isEqualTo("test");
        assertThat(intent.providerPaymentId()).startsWith("pi_test_");
        assertThat(intent.clientSecret()).startsWith(intent.providerPaymentId() + "_secret_");
        assertThat(intent.status()).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(intent.amount()).isEqualTo(Money.ofMinor(1999, "EUR"));
    }

    @Test
    void sameIdempotencyKeyReturnsTheSameIntent() {
        PaymentIntent first = intent(500);
        IntentRequest again = new IntentRequest(
                jdbc.sql("select reference from payments where id = ?")
                        .param(first.paymentId())
                        .query(String.class)
                        .single(),
                Money.ofMinor(500, "EUR"),
                jdbc.sql("select idempotency_key from payments where id = ?")
                        .param(first.paymentId())
                        .query(String.class)
                        .single(),
                "again",
                null);
        assertThat(payments.createIntent(again)).isEqualTo(first);
        assertThatThrownBy(() -> payments.createIntent(new IntentRequest(
                        again.reference(), Money.ofMinor(501, "EUR"), again.idempotencyKey(), "other amount", null)))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    }

    @Test
    void successfulCardPaysOnceAndCannotBeConfirmedAgain() {
        PaymentIntent intent = intent(2500);
        JsonNode answer = confirm(intent, "4242424242424242").expectStatus(200).json();
        assertThat(answer.get("status").asString()).isEqualTo("succeeded");
        assertThat(answer.get("payment_intent").asString()).isEqualTo(intent.providerPaymentId());

        // processed before the answer, with no job
        assertThat(recorder.of(PaymentSucceeded.class, intent.paymentId())).hasSize(1);
        UUID event = jdbc.sql("select id from payment_events where payload -> 'data' -> 'object' ->> 'id' = ?")
                .param(intent.providerPaymentId())
                .query(UUID.class)
                .single();
        assertThat(jdbc.sql(
                                "select count(*) from scheduled_tasks where task_name = 'payment-event' and task_instance = ?")
                        .param(event.toString())
                        .query(Long.class)
                        .single())
                .isZero();
        PaymentSucceeded succeeded =
                recorder.of(PaymentSucceeded.class, intent.paymentId()).get(0);
        assertThat(succeeded.amount()).isEqualTo(Money.ofMinor(2500, "EUR"));
        assertThat(succeeded.provider()).isEqualTo("test");
        assertThat(succeeded.providerPaymentId()).isEqualTo(intent.providerPaymentId());
        assertThat(status(intent)).isEqualTo("succeeded");

        JsonNode again = confirm(intent, "4242424242424242").expectStatus(409).json();
        assertThat(again.get("type").asString()).endsWith("/conflict");
        assertThat(recorder.of(PaymentSucceeded.class, intent.paymentId())).hasSize(1);
    }

    @Test
    void declinedCardFailsThePaymentAndAnotherCardMayStillPay() {
        PaymentIntent intent = intent(1200);
        JsonNode answer = confirm(intent, "4000000000000002").expectStatus(200).json();
        assertThat(answer.get("status").asString()).isEqualTo("failed");
        assertThat(answer.get("decline_code").asString()).isEqualTo("generic_decline");

        await().atMost(WAIT)
                .until(() ->
                        recorder.of(PaymentFailed.class, intent.paymentId()).size() == 1);
        assertThat(recorder.of(PaymentFailed.class, intent.paymentId()).get(0).reason())
                .contains("declined", "generic_decline");
        assertThat(status(intent)).isEqualTo("failed");

        confirm(intent, "5555555555554444").expectStatus(200);
        await().atMost(WAIT)
                .until(() ->
                        recorder.of(PaymentSucceeded.class, intent.paymentId()).size() == 1);
        assertThat(status(intent)).isEqualTo("succeeded");
    }

    @Test
    void threeDSecureApprovedPays() {
        PaymentIntent intent = intent(3000);
        JsonNode answer = confirm(intent, "4000002760003184").expectStatus(200).json();
        assertThat(answer.get("status").asString()).isEqualTo("requires_action");
        assertThat(answer.at("/next_action/type").asString()).isEqualTo("test_3ds");
        assertThat(answer.at("/next_action/url").asString()).isEqualTo("/api/v1/payments/test/authenticate");
        await().atMost(WAIT)
                .until(() -> recorder.of(PaymentRequiresAction.class, intent.paymentId())
                                .size()
                        == 1);
        assertThat(status(intent)).isEqualTo("requires_action");

        assertThat(authenticate(intent, true)
                        .expectStatus(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("succeeded");
        await().atMost(WAIT)
                .until(() ->
                        recorder.of(PaymentSucceeded.class, intent.paymentId()).size() == 1);
        assertThat(status(intent)).isEqualTo("succeeded");
        authenticate(intent, true).expectStatus(409);
    }

    @Test
    void threeDSecureRefusedFails() {
        PaymentIntent intent = intent(3100);
        confirm(intent, "4000002760003184").expectStatus(200);
        JsonNode answer = authenticate(intent, false).expectStatus(200).json();
        assertThat(answer.get("status").asString()).isEqualTo("failed");
        await().atMost(WAIT)
                .until(() ->
                        recorder.of(PaymentFailed.class, intent.paymentId()).size() == 1);
        assertThat(recorder.of(PaymentFailed.class, intent.paymentId()).get(0).reason())
                .contains("3-D Secure");
        assertThat(status(intent)).isEqualTo("failed");
        authenticate(intent, false).expectStatus(409);
    }

    @Test
    void authenticateWithoutPendingActionIsAConflict() {
        PaymentIntent intent = intent(700);
        assertThat(authenticate(intent, true)
                        .expectStatus(409)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/conflict");
    }

    @Test
    void invalidCardNumbersAreRefused() {
        PaymentIntent intent = intent(800);
        for (String card : new String[] {"4242424242424241", "4242-4242", "abcdabcdabcdabcd", ""}) {
            JsonNode problem = confirm(intent, card).expectStatus(400).json();
            assertThat(problem.get("type").asString()).endsWith("/validation");
            assertThat(problem.at("/errors/0/field").asString()).isEqualTo("card_number");
        }
        new ApiClient(port)
                .post("/api/v1/payments/test/confirm", Map.of("client_secret", intent.clientSecret()))
                .expectStatus(400);
        assertThat(status(intent)).isEqualTo("processing");
    }

    @Test
    void unknownClientSecretIsNotFound() {
        JsonNode problem = new ApiClient(port)
                .post(
                        "/api/v1/payments/test/confirm",
                        Map.of("client_secret", "pi_test_nope_secret_nope", "card_number", "4242424242424242"))
                .expectStatus(404)
                .json();
        assertThat(problem.get("type").asString()).endsWith("/not-found");
        assertThat(problem.get("detail").asString()).doesNotContain("pi_test_nope_secret_nope");
    }

    @Test
    void refundIsCarriedOutByAJobAndAnnouncedByTheChargeRefundedEvent() {
        PaymentIntent intent = intent(5000);
        confirm(intent, "4242424242424242").expectStatus(200);
        await().atMost(WAIT).until(() -> status(intent).equals("succeeded"));

        UUID refundId = transactions.execute(s -> payments.refund(
                intent.paymentId(), Money.ofMinor(1500, "EUR"), "damaged", "refund-" + intent.paymentId()));
        UUID again = transactions.execute(s -> payments.refund(
                intent.paymentId(), Money.ofMinor(1500, "EUR"), "damaged", "refund-" + intent.paymentId()));
        assertThat(again).isEqualTo(refundId);

        await().atMost(WAIT)
                .until(() ->
                        recorder.of(PaymentRefunded.class, intent.paymentId()).size() == 1);
        PaymentRefunded refunded =
                recorder.of(PaymentRefunded.class, intent.paymentId()).get(0);
        assertThat(refunded.amount()).isEqualTo(Money.ofMinor(1500, "EUR"));
        assertThat(refunded.refundedTotal()).isEqualTo(Money.ofMinor(1500, "EUR"));
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select status from payment_refunds where id = ?")
                        .param(refundId)
                        .query(String.class)
                        .single()
                        .equals("succeeded"));

        assertThatThrownBy(() -> transactions.execute(s ->
                        payments.refund(intent.paymentId(), Money.ofMinor(3501, "EUR"), "too much", "r2-" + refundId)))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        UUID rest = transactions.execute(
                s -> payments.refund(intent.paymentId(), Money.ofMinor(3500, "EUR"), "rest", "r3-" + refundId));
        await().atMost(WAIT)
                .until(() ->
                        recorder.of(PaymentRefunded.class, intent.paymentId()).size() == 2);
        PaymentRefunded second =
                recorder.of(PaymentRefunded.class, intent.paymentId()).get(1);
        assertThat(second.amount()).isEqualTo(Money.ofMinor(3500, "EUR"));
        assertThat(second.refundedTotal()).isEqualTo(Money.ofMinor(5000, "EUR"));
        assertThat(rest).isNotEqualTo(refundId);
    }

    @Test
    void refundOfAnUnpaidPaymentIsAConflictAndBadAmountsAreInvalid() {
        PaymentIntent intent = intent(900);
        assertThatThrownBy(() -> transactions.execute(s ->
                        payments.refund(intent.paymentId(), Money.ofMinor(100, "EUR"), "x", "k-" + intent.paymentId())))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> transactions.execute(s ->
                        payments.refund(UUID.randomUUID(), Money.ofMinor(100, "EUR"), "x", "k-" + UUID.randomUUID())))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void refundRolledBackWithTheCallerSchedulesNothing() {
        PaymentIntent intent = intent(4000);
        confirm(intent, "4242424242424242").expectStatus(200);
        await().atMost(WAIT).until(() -> status(intent).equals("succeeded"));

        UUID refundId = transactions.execute(s -> {
            UUID id =
                    payments.refund(intent.paymentId(), Money.ofMinor(100, "EUR"), "x", "rolled-" + intent.paymentId());
            s.setRollbackOnly();
            return id;
        });
        assertThat(jdbc.sql("select count(*) from payment_refunds where id = ?")
                        .param(refundId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql(
                                "select count(*) from scheduled_tasks where task_name = 'payment-refund' and task_instance = ?")
                        .param(refundId.toString())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void webhookRefusesEventsNotSignedWithTheTestProvidersSecret() {
        String payload = StripeSignatures.event(
                "evt_forged_" + UUID.randomUUID(),
                "payment_intent.succeeded",
                StripeSignatures.intent("pi_x", 1, "succeeded"));
        JsonNode problem = new ApiClient(port)
                .withoutCsrf()
                .header(
                        "Stripe-Signature",
                        StripeSignatures.sign(payload, "whsec_guess", System.currentTimeMillis() / 1000))
                .sendRaw("POST", "/api/v1/payments/webhook", payload, "application/json")
                .expectStatus(400)
                .json();
        assertThat(problem.get("type").asString()).endsWith("/invalid-signature");
    }
}

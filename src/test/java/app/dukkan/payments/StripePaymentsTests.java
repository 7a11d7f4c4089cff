package app.dukkan.payments;

import static app.dukkan.storefront.CartForms.add;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.dukkan.notifications.DevMailboxClient;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.checkout.CheckoutPagesTests;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Prometheus;
import app.dukkan.testing.Shop;
import app.dukkan.testing.StripeSignatures;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The Stripe adapter against WireMock standing in for Stripe's API, and the webhook with events
 * signed exactly as Stripe signs them. Its own Spring context (Stripe configured, short timeouts).
 */
@DukkanTest
@TestPropertySource(
        properties = {
            "dukkan.payments.stripe.secret-key=sk_test_wiremock",
            "dukkan.payments.stripe.webhook-secret=" + StripePaymentsTests.WEBHOOK_SECRET,
            "dukkan.payments.stripe.connect-timeout=2s",
            "dukkan.payments.stripe.read-timeout=3s",
            "dukkan.payments.stripe.max-network-retries=0",
            "dukkan.payments.jobs.first-delay=100ms",
            "dukkan.payments.jobs.max-delay=1s",
            "db-scheduler.polling-interval=300ms"
        })
class StripePaymentsTests {

    static final String WEBHOOK_SECRET = "whsec_wiremock_test_secret";
    private static final Duration WAIT = Duration.ofSeconds(15);
    /**
     * Longer than the read timeout (3 s). The timeout is generous so that a loaded build machine does
     * not turn a normal answer into a timeout.
     */
    private static final int STRIPE_TIMEOUT_DELAY = 4500;

    private static final WireMockServer STRIPE =
            new WireMockServer(wireMockConfig().dynamicPort());

    static {
        STRIPE.start();
    }

    @DynamicPropertySource
    static void stripeApi(DynamicPropertyRegistry registry) {
        registry.add("dukkan.payments.stripe.api-base", STRIPE::baseUrl);
    }

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

    // --- helpers

    private static String intentJson(String id, long amount, String status) {
        return """
                {"id":"%s","object":"payment_intent","amount":%d,"currency":"eur","status":"%s",\
                "client_secret":"%s_secret_abc","metadata":{}}""".formatted(id, amount, status, id);
    }

    private static IntentRequest request(String reference, long minor) {
        return new IntentRequest(
                reference, Money.ofMinor(minor, "EUR"), "key-" + reference, "Order " + reference, "buyer@test.dukkan");
    }

    /** A payment recorded through the adapter, Stripe answering with intent {@code pi}. */
    private PaymentIntent payment(String pi, long minor) {
        String reference = "order-" + UUID.randomUUID();
        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo("key-" + reference))
                .willReturn(okJson(intentJson(pi, minor, "requires_payment_method"))));
        return payments.createIntent(request(reference, minor));
    }

    /** A payment Stripe reported succeeded. */
    private PaymentIntent succeededPayment(String pi, long minor) {
        PaymentIntent intent = payment(pi, minor);
        deliverProcessed("payment_intent.succeeded", StripeSignatures.intent(pi, minor, "succeeded"));
        return intent;
    }

    private ApiClient.Response deliver(String payload, String signature) {
        ApiClient client = new ApiClient(port).withoutCsrf();
        if (signature != null) {
            client.header("Stripe-Signature", signature);
        }
        return client.sendRaw("POST", "/api/v1/payments/webhook", payload, "application/json");
    }

    /** Delivers a signed event of that type and waits until it was processed; returns its id. */
    private String deliverProcessed(String type, String object) {
        String eventId = "evt_" + UUID.randomUUID();
        deliver(StripeSignatures.event(eventId, type, object)).expectStatus(200);
        await().atMost(WAIT).until(() -> processed(eventId));
        return eventId;
    }

    private ApiClient.Response deliver(String payload) {
        return deliver(payload, StripeSignatures.sign(payload, WEBHOOK_SECRET, System.currentTimeMillis() / 1000));
    }

    private static String newPi() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "");
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private String status(UUID paymentId) {
        return jdbc.sql("select status from payments where id = ?")
                .param(paymentId)
                .query(String.class)
                .single();
    }

    private boolean processed(String providerEventId) {
        return count(
                        "select count(*) from payment_events where provider_event_id = ? and processed_at is not null",
                        providerEventId)
                == 1;
    }

    // --- intents

    @Test
    void createsAStripeIntentWithIdempotencyKeyAndRecordsIt() {
        String pi = newPi();
        PaymentIntent intent = payment(pi, 1999);

        assertThat(intent.provider()).isEqualTo("stripe");
        assertThat(intent.providerPaymentId()).isEqualTo(pi);
        assertThat(intent.clientSecret()).isEqualTo(pi + "_secret_abc");
        assertThat(intent.status()).isEqualTo(PaymentStatus.PROCESSING);
        String reference = jdbc.sql("select reference from payments where id = ?")
                .param(intent.paymentId())
                .query(String.class)
                .single();
        STRIPE.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/payment_intents"))
                        .withHeader("Idempotency-Key", equalTo("key-" + reference))
                        .withHeader("Authorization", equalTo("Bearer sk_test_wiremock"))
                        .withFormParam("amount", equalTo("1999"))
                        .withFormParam("currency", equalTo("eur"))
                        .withFormParam("automatic_payment_methods[enabled]", equalTo("true"))
                        .withFormParam("metadata[reference]", equalTo(reference))
                        .withFormParam("description", equalTo("Order " + reference))
                        .withFormParam("receipt_email", equalTo("buyer@test.dukkan")));
    }

    @Test
    void stripeServerErrorIsA502AndRecordsNothingAndARetryWorks() {
        String reference = "order-" + UUID.randomUUID();
        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo("key-" + reference))
                .inScenario(reference)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}"))
                .willSetStateTo("recovered"));
        String pi = newPi();
        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo("key-" + reference))
                .inScenario(reference)
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(intentJson(pi, 1500, "requires_payment_method"))));

        assertThatThrownBy(() -> payments.createIntent(request(reference, 1500)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
                    assertThat(e.type()).isEqualTo("payment-provider-error");
                });
        assertThat(count("select count(*) from payments where reference = ?", reference))
                .isZero();

        PaymentIntent intent = payments.createIntent(request(reference, 1500));
        assertThat(intent.providerPaymentId()).isEqualTo(pi);
        assertThat(count("select count(*) from payments where reference = ?", reference))
                .isOne();
    }

    @Test
    void aKeyStripeSawWithOtherParametersIsA409AndRecordsNothing() {
        String reference = "order-" + UUID.randomUUID();
        // Stripe's answer when an idempotency key comes back with other parameters
        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo("key-" + reference))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"idempotency_error\",\"message\":\"Keys for"
                                + " idempotent requests can only be used with the same parameters they were first"
                                + " used with.\"}}")));

        assertThatThrownBy(() -> payments.createIntent(request(reference, 1500)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.errors())
                            .extracting(ProblemException.FieldProblem::field)
                            .containsExactly("idempotency_key");
                });
        assertThat(count("select count(*) from payments where reference = ?", reference))
                .isZero();
    }

    @Test
    void stripeTimeoutIsA503AndRecordsNothing() {
        String reference = "order-" + UUID.randomUUID();
        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo("key-" + reference))
                .willReturn(okJson(intentJson(newPi(), 1500, "requires_payment_method"))
                        .withFixedDelay(STRIPE_TIMEOUT_DELAY)));

        assertThatThrownBy(() -> payments.createIntent(request(reference, 1500)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.type()).isEqualTo("payment-provider-unavailable");
                });
        assertThat(count("select count(*) from payments where reference = ?", reference))
                .isZero();
    }

    @Test
    void concurrentRetriesWithTheSameKeyRecordOnePayment() throws Exception {
        String pi = newPi();
        String reference = "order-" + UUID.randomUUID();
        // Stripe answers the same intent for the same idempotency key
        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo("key-" + reference))
                .willReturn(
                        okJson(intentJson(pi, 2000, "requires_payment_method")).withFixedDelay(200)));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<PaymentIntent>> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(pool.submit(() -> payments.createIntent(request(reference, 2000))));
            }
            List<UUID> ids = new ArrayList<>();
            for (Future<PaymentIntent> result : results) {
                ids.add(result.get().paymentId());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdown();
        }
        assertThat(payments.createIntent(request(reference, 2000)).providerPaymentId())
                .isEqualTo(pi);
        assertThat(count("select count(*) from payments where reference = ?", reference))
                .isOne();
    }

    @Test
    void testProviderEndpointsAreAbsentWithStripe(@Autowired Environment environment) {
        assertThat(environment.getProperty("dukkan.payments.test-provider.enabled"))
                .as("switched on by the test profile, and still off with a Stripe key")
                .isEqualTo("true");
        new ApiClient(port)
                .post(
                        "/api/v1/payments/test/confirm",
                        Map.of("client_secret", "pi_1_secret_2", "card_number", "4242424242424242"))
                .expectStatus(404);
    }

    // --- webhook

    @Test
    void validSucceededEventIsRecordedProcessedAndPublishedOnce() {
        String pi = newPi();
        PaymentIntent intent = payment(pi, 4200);
        String eventId = "evt_" + UUID.randomUUID();
        String payload = StripeSignatures.event(
                eventId, "payment_intent.succeeded", StripeSignatures.intent(pi, 4200, "succeeded"));

        JsonNode answer = deliver(payload).expectStatus(200).json();
        assertThat(answer.get("received").asBoolean()).isTrue();

        await().atMost(WAIT).until(() -> processed(eventId));
        assertThat(status(intent.paymentId())).isEqualTo("succeeded");
        List<PaymentSucceeded> published = recorder.of(PaymentSucceeded.class, intent.paymentId());
        assertThat(published).hasSize(1);
        assertThat(published.get(0).amount()).isEqualTo(Money.ofMinor(4200, "EUR"));
        assertThat(published.get(0).providerPaymentId()).isEqualTo(pi);

        // a replay is acknowledged and changes nothing
        deliver(payload).expectStatus(200);
        assertThat(count("select count(*) from payment_events where provider_event_id = ?", eventId))
                .isOne();
        assertThat(recorder.of(PaymentSucceeded.class, intent.paymentId())).hasSize(1);
    }

    @Test
    void badStaleOrMissingSignaturesAreRefusedAndNothingIsRecorded() {
        String pi = newPi();
        PaymentIntent intent = payment(pi, 1000);
        String eventId = "evt_" + UUID.randomUUID();
        String payload = StripeSignatures.event(
                eventId, "payment_intent.succeeded", StripeSignatures.intent(pi, 1000, "succeeded"));
        long now = System.currentTimeMillis() / 1000;

        List<String> refused = new ArrayList<>();
        refused.add(StripeSignatures.sign(payload, "whsec_wrong", now)); // wrong secret
        refused.add(StripeSignatures.sign(payload + " ", WEBHOOK_SECRET, now)); // another body
        refused.add(StripeSignatures.sign(payload, WEBHOOK_SECRET, now - 301)); // stale
        refused.add("t=" + now + ",v1=deadbeef"); // garbage
        refused.add("nonsense");
        for (String signature : refused) {
            JsonNode problem = deliver(payload, signature).expectStatus(400).json();
            assertThat(problem.get("type").asString()).isEqualTo("https://dukkan.app/problems/invalid-signature");
        }
        JsonNode missing = deliver(payload, null).expectStatus(400).json();
        assertThat(missing.get("type").asString()).endsWith("/invalid-signature");

        assertThat(count("select count(*) from payment_events where provider_event_id = ?", eventId))
                .isZero();
        assertThat(status(intent.paymentId())).isEqualTo("processing");
    }

    @Test
    void eventForAnUnknownIntentIsAcknowledgedAndChangesNothing() {
        String eventId = "evt_" + UUID.randomUUID();
        String payload = StripeSignatures.event(
                eventId,
                "payment_intent.succeeded",
                StripeSignatures.intent("pi_unknown_" + eventId, 100, "succeeded"));
        long paymentsBefore = count("select count(*) from payments where status = 'succeeded'");

        deliver(payload).expectStatus(200);

        await().atMost(WAIT).until(() -> processed(eventId));
        assertThat(count("select count(*) from payments where status = 'succeeded'"))
                .isEqualTo(paymentsBefore);
    }

    @Test
    void eventTypesTheShopDoesNotHandleAreAcknowledged() {
        String eventId = "evt_" + UUID.randomUUID();
        String payload =
                StripeSignatures.event(eventId, "customer.created", "{\"id\":\"cus_1\",\"object\":\"customer\"}");
        deliver(payload).expectStatus(200);
        assertThat(count("select count(*) from payment_events where provider_event_id = ?", eventId))
                .isZero();
    }

    @Test
    void sameEventDeliveredTenTimesConcurrentlyIsPublishedOnce() throws Exception {
        String pi = newPi();
        PaymentIntent intent = payment(pi, 2500);
        String eventId = "evt_" + UUID.randomUUID();
        String payload = StripeSignatures.event(
                eventId, "payment_intent.succeeded", StripeSignatures.intent(pi, 2500, "succeeded"));
        String signature = StripeSignatures.sign(payload, WEBHOOK_SECRET, System.currentTimeMillis() / 1000);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                statuses.add(pool.submit(() -> deliver(payload, signature).status()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        await().atMost(WAIT).until(() -> processed(eventId));
        // distinct events with the same effect are harmless too
        deliverProcessed("payment_intent.succeeded", StripeSignatures.intent(pi, 2500, "succeeded"));

        assertThat(count("select count(*) from payment_events where provider_event_id = ?", eventId))
                .isOne();
        assertThat(recorder.of(PaymentSucceeded.class, intent.paymentId())).hasSize(1);
    }

    @Test
    void failedAndRequiresActionEventsMoveThePayment() {
        String pi = newPi();
        PaymentIntent intent = payment(pi, 3000);
        deliverProcessed("payment_intent.requires_action", StripeSignatures.intent(pi, 3000, "requires_action"));
        assertThat(status(intent.paymentId())).isEqualTo("requires_action");
        assertThat(recorder.of(PaymentRequiresAction.class, intent.paymentId())).hasSize(1);

        String failed = "evt_" + UUID.randomUUID();
        String object = """
                {"id":"%s","object":"payment_intent","amount":3000,"currency":"eur",\
                "status":"requires_payment_method","last_payment_error":{"type":"card_error","code":"card_declined",\
                "decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}""".formatted(pi);
        deliver(StripeSignatures.event(failed, "payment_intent.payment_failed", object))
                .expectStatus(200);
        await().atMost(WAIT).until(() -> processed(failed));
        assertThat(status(intent.paymentId())).isEqualTo("failed");
        List<PaymentFailed> failures = recorder.of(PaymentFailed.class, intent.paymentId());
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).reason()).isEqualTo("Your card has insufficient funds. (insufficient_funds)");
    }

    @Test
    void failingListenerRollsBackAndTheEventIsRetriedUntilItSucceeds() {
        String pi = newPi();
        PaymentIntent intent = payment(pi, 1800);
        String reference = jdbc.sql("select reference from payments where id = ?")
                .param(intent.paymentId())
                .query(String.class)
                .single();
        recorder.failSucceeded(reference, 2);
        String eventId = "evt_" + UUID.randomUUID();

        deliver(StripeSignatures.event(
                        eventId, "payment_intent.succeeded", StripeSignatures.intent(pi, 1800, "succeeded")))
                .expectStatus(200);

        await().atMost(WAIT)
                .until(() -> count(
                                "select count(*) from payment_events where provider_event_id = ? and attempts >= 1"
                                        + " and last_error like '%listener failure%' and processed_at is null",
                                eventId)
                        == 1);
        await().atMost(WAIT).until(() -> processed(eventId));
        assertThat(count("select attempts from payment_events where provider_event_id = ?", eventId))
                .isEqualTo(3);
        assertThat(jdbc.sql("select last_error from payment_events where provider_event_id = ?")
                        .param(eventId)
                        .query(String.class)
                        .optional())
                .isEmpty();
        assertThat(status(intent.paymentId())).isEqualTo("succeeded");
        assertThat(recorder.of(PaymentSucceeded.class, intent.paymentId())).hasSize(1);
    }

    // --- refunds

    @Test
    void refundJobCallsStripeOnceWithTheRefundIdAsIdempotencyKey() {
        String pi = newPi();
        PaymentIntent intent = succeededPayment(pi, 5000);

        // Stripe fails once, then refunds
        STRIPE.stubFor(post("/v1/refunds")
                .withFormParam("payment_intent", equalTo(pi))
                .inScenario(pi)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"try again\"}}"))
                .willSetStateTo("key-rotating"));
        // then the shop's key is refused for a while (a rotation half done): retried as well
        STRIPE.stubFor(post("/v1/refunds")
                .withFormParam("payment_intent", equalTo(pi))
                .inScenario(pi)
                .whenScenarioStateIs("key-rotating")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}"))
                .willSetStateTo("up"));
        STRIPE.stubFor(post("/v1/refunds")
                .withFormParam("payment_intent", equalTo(pi))
                .inScenario(pi)
                .whenScenarioStateIs("up")
                .willReturn(okJson("""
                        {"id":"re_%s","object":"refund","amount":2000,"currency":"eur","payment_intent":"%s",\
                        "status":"succeeded"}""".formatted(pi, pi))));

        UUID refundId = transactions.execute(
                s -> payments.refund(intent.paymentId(), Money.ofMinor(2000, "EUR"), "damaged", "refund-" + pi));
        await().atMost(WAIT)
                .until(() ->
                        count("select count(*) from payment_refunds where id = ? and status = 'succeeded'", refundId)
                                == 1);
        assertThat(jdbc.sql("select provider_refund_id from payment_refunds where id = ?")
                        .param(refundId)
                        .query(String.class)
                        .single())
                .isEqualTo("re_" + pi);
        assertThat(count("select attempts from payment_refunds where id = ?", refundId))
                .isEqualTo(3);
        STRIPE.verify(
                3,
                postRequestedFor(urlEqualTo("/v1/refunds"))
                        .withHeader("Idempotency-Key", equalTo(refundId.toString()))
                        .withFormParam("payment_intent", equalTo(pi))
                        .withFormParam("amount", equalTo("2000")));
        assertThat(STRIPE
                        .findAll(postRequestedFor(urlEqualTo("/v1/refunds"))
                                .withFormParam("payment_intent", equalTo(pi)))
                        .stream()
                        .map(r -> r.getHeader("Idempotency-Key"))
                        .distinct())
                .containsExactly(refundId.toString());
        // no announcement before Stripe's event
        assertThat(recorder.of(PaymentRefunded.class, intent.paymentId())).isEmpty();
    }

    @Test
    void aRefundStripeRefusesIsADeadLetterForAnOperator() {
        String pi = newPi();
        PaymentIntent intent = succeededPayment(pi, 5000);
        STRIPE.stubFor(post("/v1/refunds")
                .withFormParam("payment_intent", equalTo(pi))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"charge_disputed\","
                                + "\"message\":\"Charge has been disputed\"}}")));

        UUID refundId = transactions.execute(
                s -> payments.refund(intent.paymentId(), Money.ofMinor(2000, "EUR"), "damaged", "refund-" + pi));

        await().atMost(WAIT)
                .until(() -> count(
                                "select count(*) from job_dead_letters where task_name = 'payment-refund' and task_instance like ?",
                                "%" + refundId + "%")
                        == 1);
        assertThat(count("select count(*) from payment_refunds where id = ? and status = 'failed'", refundId))
                .isEqualTo(1);
        STRIPE.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")).withFormParam("payment_intent", equalTo(pi)));
    }

    /** A refund Stripe accepts without settling it (a bank debit, say) is not done before its event says so. */
    @Test
    void aRefundStripeLeavesPendingSucceedsOnlyWithItsEvent() {
        String pi = newPi();
        PaymentIntent intent = succeededPayment(pi, 5000);
        stubRefund(pi, "pending");

        UUID refundId = refund(intent, 2000, "refund-" + pi);
        await().atMost(WAIT).until(() -> accepted(refundId));
        assertThat(refundStatus(refundId)).isEqualTo("pending");
        // Stripe's events name the shop's refund
        STRIPE.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/refunds"))
                        .withFormParam("payment_intent", equalTo(pi))
                        .withFormParam("metadata[dukkan_refund]", equalTo(refundId.toString())));
        // still in flight: not refundable again
        assertThatThrownBy(() -> refund(intent, 3001, "more-" + pi)).isInstanceOf(ProblemException.class);

        deliverProcessed(
                "refund.updated",
                StripeSignatures.refund("re_" + pi, pi, 2000, "succeeded", refundId.toString(), null));
        assertThat(refundStatus(refundId)).isEqualTo("succeeded");
        assertThat(recorder.of(PaymentRefundRefused.class, intent.paymentId())).isEmpty();
    }

    /**
     * A pending refund that fails days later is refused as one Stripe refuses at once: the order is
     * told, an operator alerted by a dead letter, and the money is refundable again; a redelivery, or
     * the same news in the older event type, does it once.
     */
    @Test
    void aPendingRefundThatFailsLaterIsRefusedOnceAndADeadLetter() {
        String pi = newPi();
        PaymentIntent intent = succeededPayment(pi, 5000);
        stubRefund(pi, "pending");
        UUID refundId = refund(intent, 2000, "refund-" + pi);
        await().atMost(WAIT).until(() -> accepted(refundId));

        String failed =
                StripeSignatures.refund("re_" + pi, pi, 2000, "failed", refundId.toString(), "lost_or_stolen_card");
        String eventId = "evt_" + UUID.randomUUID();
        String payload = StripeSignatures.event(eventId, "refund.failed", failed);
        deliver(payload).expectStatus(200);
        deliver(payload).expectStatus(200);
        await().atMost(WAIT).until(() -> processed(eventId));
        deliverProcessed("charge.refund.updated", failed);

        assertThat(refundStatus(refundId)).isEqualTo("failed");
        List<PaymentRefundRefused> refused = recorder.of(PaymentRefundRefused.class, intent.paymentId());
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).refundId()).isEqualTo(refundId);
        assertThat(refused.get(0).amount()).isEqualTo(Money.ofMinor(2000, "EUR"));
        assertThat(refused.get(0).reason()).contains("lost_or_stolen_card");
        assertThat(deadLetters(refundId)).isEqualTo(1);
        // nothing is in flight any more: all of the payment can be refunded again
        refund(intent, 5000, "again-" + pi);
    }

    /**
     * An order's refund that Stripe accepts and fails days later: the customer, mailed that it was
     * refunded, is mailed once that it could not be completed, though the failure is delivered twice
     * and in the older event type too; the order's money is left to refund, and refunded again.
     */
    @Test
    void aRefundOfAnOrderThatFailsLaterMailsItsCustomerOnce() {
        Shop shop = new Shop(port);
        String pi = newPi();
        String number = paidThroughStripe(shop, shop.customer(), shop.product("30.00", 2), pi);
        ApiClient admin = shop.admin();
        JsonNode order = admin.get("/api/v1/admin/orders/" + number).json();
        String email = order.get("email").asString();
        stubRefund(pi, "pending");
        admin.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "20.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(200);
        DevMailboxClient mailbox = new DevMailboxClient(admin);
        mailbox.awaitExactly(email, "refund-issued", 1);
        UUID refundId = jdbc.sql("select payment_refund from order_refunds where order_id = ?")
                .param(UUID.fromString(order.get("id").asString()))
                .query(UUID.class)
                .single();
        await().atMost(WAIT).until(() -> accepted(refundId));

        String failed =
                StripeSignatures.refund("re_" + pi, pi, 2000, "failed", refundId.toString(), "lost_or_stolen_card");
        String eventId = "evt_" + UUID.randomUUID();
        String payload = StripeSignatures.event(eventId, "refund.failed", failed);
        deliver(payload).expectStatus(200);
        deliver(payload).expectStatus(200);
        await().atMost(WAIT).until(() -> processed(eventId));
        deliverProcessed("charge.refund.updated", failed);

        JsonNode mail = mailbox.awaitExactly(email, "refund-failed", 1).get(0);
        assertThat(mail.get("text").asString())
                .contains("The refund of €20.00 for your order " + number + " could not be completed");
        await().atMost(WAIT)
                .until(() -> count(
                                "select count(*) from scheduled_tasks where task_name = 'mail-refund-failed' and task_instance = ?",
                                refundId.toString())
                        == 0);
        assertThat(mailbox.mails(email, "refund-failed")).hasSize(1);

        // the order no longer counts the failed refund: it is made again, and Stripe takes it this time
        assertThat(admin.get("/api/v1/admin/orders/" + number)
                        .json()
                        .get("refunded")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("0.00");
        stubRefund(pi, "succeeded");
        admin.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "20.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(200);
        assertThat(admin.get("/api/v1/admin/orders/" + number)
                        .json()
                        .get("refunded")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("20.00");
        mailbox.awaitExactly(email, "refund-issued", 2);
    }

    /**
     * Stripe may fail a refund it had reported succeeded: the success is undone once (the refund and
     * the payment's refunded total), and a success reported after the failure changes nothing.
     */
    @Test
    void aRefundThatFailsAfterItSucceededIsUndoneOnce() {
        String pi = newPi();
        PaymentIntent intent = succeededPayment(pi, 5000);
        stubRefund(pi, "succeeded");
        UUID refundId = refund(intent, 2000, "refund-" + pi);
        await().atMost(WAIT).until(() -> refundStatus(refundId).equals("succeeded"));
        deliverProcessed("charge.refunded", StripeSignatures.charge(pi, 5000, 2000));
        assertThat(count("select refunded_minor from payments where id = ?", intent.paymentId()))
                .isEqualTo(2000);

        // found by Stripe's id when the event has no metadata
        String failed = StripeSignatures.refund("re_" + pi, pi, 2000, "failed", null, "expired_or_canceled_card");
        deliverProcessed("refund.failed", failed);
        deliverProcessed("refund.updated", failed);
        deliverProcessed(
                "refund.updated",
                StripeSignatures.refund("re_" + pi, pi, 2000, "succeeded", refundId.toString(), null));

        assertThat(refundStatus(refundId)).isEqualTo("failed");
        assertThat(count("select refunded_minor from payments where id = ?", intent.paymentId()))
                .isZero();
        assertThat(recorder.of(PaymentRefundRefused.class, intent.paymentId())).hasSize(1);
        assertThat(deadLetters(refundId)).isEqualTo(1);
        refund(intent, 5000, "again-" + pi);
    }

    /** Stripe may answer a refund with failed at once: refused as a 4xx is. */
    @Test
    void aRefundStripeAnswersFailedIsADeadLetterForAnOperator() {
        String pi = newPi();
        PaymentIntent intent = succeededPayment(pi, 5000);
        stubRefund(pi, "failed");

        UUID refundId = refund(intent, 2000, "refund-" + pi);
        await().atMost(WAIT).until(() -> deadLetters(refundId) == 1);
        assertThat(refundStatus(refundId)).isEqualTo("failed");
        assertThat(recorder.of(PaymentRefundRefused.class, intent.paymentId())).hasSize(1);
    }

    private void stubRefund(String pi, String status) {
        STRIPE.stubFor(
                post("/v1/refunds").withFormParam("payment_intent", equalTo(pi)).willReturn(okJson("""
                        {"id":"re_%s","object":"refund","amount":2000,"currency":"eur","payment_intent":"%s",\
                        "status":"%s","failure_reason":null}""".formatted(
                                pi, pi, status))));
    }

    private UUID refund(PaymentIntent intent, long minor, String key) {
        return transactions.execute(
                s -> payments.refund(intent.paymentId(), Money.ofMinor(minor, "EUR"), "damaged", key));
    }

    /** Stripe answered: its refund id is recorded. */
    private boolean accepted(UUID refundId) {
        return count("select count(*) from payment_refunds where id = ? and provider_refund_id is not null", refundId)
                == 1;
    }

    private String refundStatus(UUID refundId) {
        return jdbc.sql("select status from payment_refunds where id = ?")
                .param(refundId)
                .query(String.class)
                .single();
    }

    private long deadLetters(UUID refundId) {
        return count(
                "select count(*) from job_dead_letters where task_name = 'payment-refund' and task_instance like ?",
                "%" + refundId + "%");
    }

    @Test
    void chargeRefundedIsPublishedOncePerIncrease() {
        String pi = newPi();
        PaymentIntent intent = payment(pi, 5000);
        String paid = "evt_" + UUID.randomUUID();
        deliver(StripeSignatures.event(
                        paid, "payment_intent.succeeded", StripeSignatures.intent(pi, 5000, "succeeded")))
                .expectStatus(200);

        String first = "evt_" + UUID.randomUUID();
        String firstPayload = StripeSignatures.event(first, "charge.refunded", StripeSignatures.charge(pi, 5000, 2000));
        deliver(firstPayload).expectStatus(200);
        deliver(firstPayload).expectStatus(200);
        String sameAmount = "evt_" + UUID.randomUUID();
        deliver(StripeSignatures.event(sameAmount, "charge.refunded", StripeSignatures.charge(pi, 5000, 2000)))
                .expectStatus(200);
        await().atMost(WAIT).until(() -> processed(first) && processed(sameAmount));

        List<PaymentRefunded> refunds = recorder.of(PaymentRefunded.class, intent.paymentId());
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).amount()).isEqualTo(Money.ofMinor(2000, "EUR"));
        assertThat(refunds.get(0).refundedTotal()).isEqualTo(Money.ofMinor(2000, "EUR"));

        deliverProcessed("charge.refunded", StripeSignatures.charge(pi, 5000, 5000));
        refunds = recorder.of(PaymentRefunded.class, intent.paymentId());
        assertThat(refunds).hasSize(2);
        assertThat(refunds.get(1).amount()).isEqualTo(Money.ofMinor(3000, "EUR"));
        assertThat(refunds.get(1).refundedTotal()).isEqualTo(Money.ofMinor(5000, "EUR"));
        assertThat(count("select refunded_minor from payments where id = ?", intent.paymentId()))
                .isEqualTo(5000);
    }
    /**
     * A refund reported before the payment's success was processed (that event failed or came late)
     * waits for it: counted on an unpaid order, it would refund what was never sold.
     */
    @Test
    void aRefundReportedBeforeTheSuccessIsCountedAfterIt() {
        String pi = newPi();
        PaymentIntent intent = payment(pi, 5000);
        String refund = "evt_" + UUID.randomUUID();
        deliver(StripeSignatures.event(refund, "charge.refunded", StripeSignatures.charge(pi, 5000, 2000)))
                .expectStatus(200);
        assertThat(processed(refund)).isFalse();
        assertThat(recorder.of(PaymentRefunded.class, intent.paymentId())).isEmpty();

        deliverProcessed("payment_intent.succeeded", StripeSignatures.intent(pi, 5000, "succeeded"));

        await().atMost(WAIT).until(() -> processed(refund));
        assertThat(recorder.of(PaymentRefunded.class, intent.paymentId()))
                .singleElement()
                .satisfies(refunded -> assertThat(refunded.refundedTotal()).isEqualTo(Money.ofMinor(2000, "EUR")));
    }

    /**
     * A dispute's events, repeated and out of order as Stripe may send them, record it once,
     * announce its opening once and its end once; news older than the end changes nothing.
     */
    @Test
    void disputeEventsAnnounceTheOpeningAndTheOutcomeOnce() {
        String pi = newPi();
        PaymentIntent intent = payment(pi, 5000);
        String dispute = "dp_" + UUID.randomUUID().toString().replace("-", "");
        String early = "evt_" + UUID.randomUUID();
        deliver(StripeSignatures.event(
                        early,
                        "charge.dispute.created",
                        StripeSignatures.dispute(dispute, pi, 5000, "fraudulent", "needs_response")))
                .expectStatus(200);
        assertThat(processed(early)).as("waits for the payment's success").isFalse();

        deliverProcessed("payment_intent.succeeded", StripeSignatures.intent(pi, 5000, "succeeded"));
        await().atMost(WAIT).until(() -> processed(early));
        deliverProcessed(
                "charge.dispute.created", StripeSignatures.dispute(dispute, pi, 5000, "fraudulent", "needs_response"));
        deliverProcessed(
                "charge.dispute.updated", StripeSignatures.dispute(dispute, pi, 5000, "fraudulent", "under_review"));
        // an update Stripe made earlier, delivered late, does not take the dispute back
        String late = "evt_" + UUID.randomUUID();
        deliver(StripeSignatures.event(
                        late,
                        "charge.dispute.updated",
                        StripeSignatures.dispute(dispute, pi, 5000, "fraudulent", "needs_response"),
                        System.currentTimeMillis() / 1000 - 3600))
                .expectStatus(200);
        await().atMost(WAIT).until(() -> processed(late));
        assertThat(disputeStatus(dispute)).isEqualTo("under_review");
        assertThat(recorder.of(PaymentDisputed.class, intent.paymentId()))
                .singleElement()
                .satisfies(opened -> {
                    assertThat(opened.amount()).isEqualTo(Money.ofMinor(5000, "EUR"));
                    assertThat(opened.reason()).isEqualTo("fraudulent");
                    assertThat(opened.dueBy()).isAfter(java.time.Instant.now().plus(Duration.ofDays(6)));
                });
        assertThat(recorder.of(PaymentDisputeClosed.class, intent.paymentId())).isEmpty();

        deliverProcessed("charge.dispute.closed", StripeSignatures.dispute(dispute, pi, 5000, "fraudulent", "lost"));
        deliverProcessed("charge.dispute.closed", StripeSignatures.dispute(dispute, pi, 5000, "fraudulent", "lost"));
        deliverProcessed(
                "charge.dispute.updated", StripeSignatures.dispute(dispute, pi, 5000, "fraudulent", "under_review"));
        assertThat(recorder.of(PaymentDisputeClosed.class, intent.paymentId()))
                .singleElement()
                .satisfies(closed -> {
                    assertThat(closed.won()).isFalse();
                    assertThat(closed.status()).isEqualTo("lost");
                });
        assertThat(disputeStatus(dispute)).isEqualTo("lost");

        // a dispute first heard of at its end (its other events lost) is announced and closed at once
        String won = "dp_" + UUID.randomUUID().toString().replace("-", "");
        deliverProcessed(
                "charge.dispute.closed", StripeSignatures.dispute(won, pi, 1000, "product_not_received", "won"));
        assertThat(recorder.of(PaymentDisputed.class, intent.paymentId())).hasSize(2);
        assertThat(recorder.of(PaymentDisputeClosed.class, intent.paymentId()))
                .hasSize(2)
                .last()
                .satisfies(closed -> assertThat(closed.won()).isTrue());
    }

    /**
     * A chargeback on an order paid through Stripe is in the order's history for operators (API and
     * console page) and counted, not shown to the customer.
     */
    @Test
    void aDisputedOrderShowsItToOperatorsAndNotToTheCustomer() {
        Shop shop = new Shop(port);
        ApiClient customer = shop.customer();
        String pi = newPi();
        String number = paidThroughStripe(shop, customer, shop.product("30.00", 2), pi);
        Prometheus prometheus = new Prometheus(port);
        double opened = prometheus.value("dukkan_payment_disputes_total", Map.of("outcome", "opened"));

        String dispute = "dp_" + UUID.randomUUID().toString().replace("-", "");
        deliverProcessed(
                "charge.dispute.created", StripeSignatures.dispute(dispute, pi, 3490, "fraudulent", "needs_response"));

        ApiClient admin = shop.admin();
        String history = admin.get("/api/v1/admin/orders/" + number)
                .expectStatus(200)
                .json()
                .toString();
        assertThat(history).contains("dispute opened: 34.90 EUR held, reason fraudulent, evidence due by");
        assertThat(admin.get("/admin/orders/" + number).expectStatus(200).body())
                .contains("Dispute by the customer&#39;s bank", "dispute opened: 34.90 EUR held")
                // above the shipping form, while the dispute is open
                .contains(
                        "The customer&#39;s bank disputes this payment: €34.90 held, reason fraudulent, evidence due");
        assertThat(customer.get("/api/v1/orders/" + number).expectStatus(200).body())
                .doesNotContain("dispute");
        await().atMost(WAIT)
                .until(() ->
                        prometheus.value("dukkan_payment_disputes_total", Map.of("outcome", "opened")) == opened + 1);

        deliverProcessed("charge.dispute.closed", StripeSignatures.dispute(dispute, pi, 3490, "fraudulent", "won"));
        assertThat(admin.get("/api/v1/admin/orders/" + number).json().toString())
                .contains("dispute won: 34.90 EUR stays with the shop");
        assertThat(admin.get("/admin/orders/" + number).body()).doesNotContain("disputes this payment");
        assertThat(customer.get("/api/v1/orders/" + number).body()).doesNotContain("dispute");
    }

    /**
     * A disputed payment cannot be refunded, so an order is not cancelled while its dispute is open
     * (the cancel would promise a refund that never comes): the API answers 409, the console says why
     * and offers no cancel, the customer gets no mail. Once the dispute is won it is cancelled.
     */
    @Test
    void aDisputedOrderIsNotCancelledUntilTheDisputeIsSettled() {
        Shop shop = new Shop(port);
        ApiClient customer = shop.customer();
        String pi = newPi();
        Shop.Variant variant = shop.product("30.00", 2);
        String number = paidThroughStripe(shop, customer, variant, pi);
        String dispute = "dp_" + UUID.randomUUID().toString().replace("-", "");
        deliverProcessed(
                "charge.dispute.created", StripeSignatures.dispute(dispute, pi, 3490, "fraudulent", "needs_response"));
        ApiClient admin = shop.admin();
        PageClient console = PageClient.admin(port);
        Page cancelForm = console.get("/admin/orders/" + number + "/cancel").expectStatus(200);

        JsonNode refused = admin.post("/api/v1/admin/orders/" + number + "/cancel", Map.of("reason", "fraud"))
                .expectStatus(409)
                .json();
        assertThat(refused.get("type").asString()).endsWith("payment-disputed");
        assertThat(refused.get("detail").asString()).contains("cannot be refunded while the dispute is open");

        assertThat(cancelForm.html().select("form[action$=/cancel]")).isEmpty();
        assertThat(cancelForm.one(".confirm").text())
                .contains("a disputed payment cannot be refunded")
                .doesNotContain("is refunded to the customer");
        // no dead end: the page that says why leads back to the order
        assertThat(cancelForm
                        .one(".confirm a.button[href=/admin/orders/" + number + "]")
                        .text())
                .isEqualTo("Back to the order");
        Page orderPage = console.get("/admin/orders/" + number);
        assertThat(orderPage.html().select("a[href$=/cancel]")).isEmpty();
        // a cancel form opened before the dispute
        Page refusedPage = console.post(
                "/admin/orders/" + number + "/cancel",
                Map.of(
                        "_csrf",
                        orderPage.one("form.fulfil-form input[name=_csrf]").val(),
                        "reason",
                        "fraud"));
        refusedPage.expectStatus(409);
        assertThat(refusedPage.one("[role=alert]").text()).contains("a disputed payment cannot be refunded");
        assertThat(refusedPage
                        .one(".confirm a.button[href=/admin/orders/" + number + "]")
                        .text())
                .isEqualTo("Back to the order");

        JsonNode order = admin.get("/api/v1/admin/orders/" + number).json();
        assertThat(order.get("status").asString()).isEqualTo("paid");
        assertThat(order.get("refunded").get("amount").decimalValue()).isZero();
        assertThat(count(
                        "select count(*) from payment_refunds r join payments p on p.id = r.payment_id"
                                + " where p.provider_payment_id = ?",
                        pi))
                .isZero();
        assertThat(count(
                        "select count(*) from scheduled_tasks where task_name = 'mail-order-cancelled'"
                                + " and task_instance like ?",
                        order.get("id").asString() + "%"))
                .isZero();
        assertThat(shop.available(variant)).isOne();

        deliverProcessed("charge.dispute.closed", StripeSignatures.dispute(dispute, pi, 3490, "fraudulent", "won"));
        STRIPE.stubFor(
                post("/v1/refunds").withFormParam("payment_intent", equalTo(pi)).willReturn(okJson("""
                        {"id":"re_%s","object":"refund","amount":3490,"currency":"eur","payment_intent":"%s",\
                        "status":"succeeded"}""".formatted(
                                pi, pi))));
        assertThat(admin.post("/api/v1/admin/orders/" + number + "/cancel", Map.of("reason", "fraud"))
                        .expectStatus(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("cancelled");
        assertThat(shop.available(variant)).isEqualTo(2);
    }

    /**
     * While a dispute is open neither a refund nor an accepted return pays back (409, as the cancel):
     * the console's refund and return pages say why and offer neither; rejecting stays possible.
     */
    @Test
    void aDisputedOrderIsNotRefundedNorItsReturnAccepted() {
        Shop shop = new Shop(port);
        ApiClient customer = shop.customer();
        String pi = newPi();
        String number = paidThroughStripe(shop, customer, shop.product("30.00", 2), pi);
        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(200);
        String lineId = admin.get("/api/v1/admin/orders/" + number)
                .json()
                .get("lines")
                .get(0)
                .get("id")
                .asString();
        String returnId = customer.post(
                        "/api/v1/orders/" + number + "/returns",
                        Map.of("line_id", lineId, "quantity", 1, "reason", "too big"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        deliverProcessed(
                "charge.dispute.created",
                StripeSignatures.dispute(
                        "dp_" + UUID.randomUUID().toString().replace("-", ""),
                        pi,
                        3490,
                        "fraudulent",
                        "needs_response"));

        JsonNode refund = admin.post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "goodwill"))
                .expectStatus(409)
                .json();
        assertThat(refund.get("type").asString()).endsWith("payment-disputed");
        JsonNode accept = admin.post("/api/v1/admin/returns/" + returnId + "/accept", Map.of("reason", "ok"))
                .expectStatus(409)
                .json();
        assertThat(accept.get("type").asString()).endsWith("payment-disputed");
        assertThat(admin.get("/api/v1/admin/orders/" + number)
                        .json()
                        .get("refunded")
                        .get("amount")
                        .decimalValue())
                .isZero();
        assertThat(count(
                        "select count(*) from payment_refunds r join payments p on p.id = r.payment_id"
                                + " where p.provider_payment_id = ?",
                        pi))
                .isZero();

        PageClient console = PageClient.admin(port);
        assertThat(console.get("/admin/orders/" + number).html().select("a[href$=/refund]"))
                .isEmpty();
        Page refundPage = console.get("/admin/orders/" + number + "/refund").expectStatus(200);
        assertThat(refundPage.html().select("form[action$=/refund]")).isEmpty();
        assertThat(refundPage.one(".confirm").text()).contains("so nothing can be refunded now");
        assertThat(refundPage
                        .one(".confirm a.button[href=/admin/orders/" + number + "]")
                        .text())
                .isEqualTo("Back to the order");
        assertThat(console.get("/ar/admin/orders/" + number + "/refund")
                        .one(".confirm a.button[href=/ar/admin/orders/" + number + "]")
                        .text())
                .isEqualTo("العودة إلى الطلب");
        Page returnPage =
                console.get("/admin/orders/" + number + "/returns/" + returnId).expectStatus(200);
        assertThat(returnPage.html().select("button[value=accept]")).isEmpty();
        assertThat(returnPage.html().select("button[value=reject]")).hasSize(1);
        assertThat(returnPage.one(".confirm").text()).contains("this return cannot be accepted now");
    }

    /**
     * A lost dispute took the money back through the bank: the order counts it as returned (with a
     * refund made before it, and a late repeat of that refund's report counted once), its stock
     * comes back and its points go, nothing more can be refunded, and no refund mail goes out.
     */
    @Test
    void aLostDisputeCountsAsMoneyReturnedWithoutARefundMail() {
        Shop shop = new Shop(port);
        ApiClient customer = shop.customer();
        Shop.Variant variant = shop.product("30.00", 2);
        String pi = newPi();
        String number = paidThroughStripe(shop, customer, variant, pi);
        assertThat(shop.available(variant)).isOne();
        ApiClient admin = shop.admin();
        String orderId =
                admin.get("/api/v1/admin/orders/" + number).json().get("id").asString();
        await().atMost(WAIT).until(() -> orderPoints(orderId) > 0);

        // 10.00 refunded in Stripe's dashboard, then the rest disputed and lost
        String refundReport = StripeSignatures.charge(pi, 3490, 1000);
        deliverProcessed("charge.refunded", refundReport);
        String dispute = "dp_" + UUID.randomUUID().toString().replace("-", "");
        deliverProcessed(
                "charge.dispute.created", StripeSignatures.dispute(dispute, pi, 2490, "fraudulent", "needs_response"));
        deliverProcessed("charge.dispute.closed", StripeSignatures.dispute(dispute, pi, 2490, "fraudulent", "lost"));
        deliverProcessed("charge.refunded", refundReport);

        JsonNode order =
                admin.get("/api/v1/admin/orders/" + number).expectStatus(200).json();
        assertThat(order.get("status").asString()).isEqualTo("refunded");
        assertThat(order.get("refunded").get("amount").decimalValue()).isEqualByComparingTo("34.90");
        assertThat(order.toString()).contains("dispute lost: 24.90 EUR went back to the customer's bank");
        assertThat(shop.available(variant)).isEqualTo(2);
        admin.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "1.00", "currency", "EUR"), "reason", "goodwill"))
                .expectStatus(409);
        UUID paymentId = jdbc.sql("select id from payments where provider_payment_id = ?")
                .param(pi)
                .query(UUID.class)
                .single();
        assertThatThrownBy(() ->
                        payments.refund(paymentId, Money.ofMinor(100, "EUR"), "goodwill", "lost-dispute-" + dispute))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(recorder.of(PaymentDisputeClosed.class, paymentId))
                .singleElement()
                .extracting(PaymentDisputeClosed::returnedTotal)
                .isEqualTo(Money.ofMinor(3490, "EUR"));

        await().atMost(WAIT).until(() -> orderPoints(orderId) == 0);
        // the dashboard refund's mail, and no other: every mail of these events was scheduled with them
        await().atMost(WAIT)
                .until(() -> count(
                                "select count(*) from scheduled_tasks where task_name = 'mail-refund-issued' and task_instance like ?",
                                orderId + "%")
                        == 0);
        assertThat(count("select count(*) from sent_mails where kind = 'refund-issued' and key like ?", orderId + "%"))
                .isOne();
    }

    /** One unit of the variant (30.00, with 4.90 shipping) bought and paid through intent {@code pi}: its number. */
    private String paidThroughStripe(Shop shop, ApiClient customer, Shop.Variant variant, String pi) {
        shop.addToCart(customer, variant, 1);
        String draftId = shop.draft(customer, null, null).get("id").asString();
        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo("order-" + draftId + "-r1"))
                .willReturn(okJson(intentJson(pi, 3490, "requires_payment_method"))));
        shop.intent(customer, draftId).expectStatus(201);
        deliverProcessed("payment_intent.succeeded", StripeSignatures.intent(pi, 3490, "succeeded"));
        return shop.awaitDraft(customer, draftId, "paid").get("number").asString();
    }

    private long orderPoints(String orderId) {
        return jdbc.sql("select coalesce(sum(points), 0) from loyalty_entries where order_id = ?")
                .param(UUID.fromString(orderId))
                .query(Long.class)
                .single();
    }

    private String disputeStatus(String dispute) {
        return jdbc.sql("select status from payment_disputes where provider_dispute_id = ?")
                .param(dispute)
                .query(String.class)
                .single();
    }

    /** Stripe's answer to an intent below its minimum charge in the currency. */
    private static void stripeRefusesAsTooSmall(String draftId) {
        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo("order-" + draftId + "-r1"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":{"type":"invalid_request_error","code":"amount_too_small","param":"amount",\
                                "message":"Amount must be at least €0.50 eur"}}""")));
    }

    /**
     * A total below Stripe's minimum charge is a clear 422 for the API and a notice on the review
     * page (without JavaScript), not a provider error; nothing is held, and nothing recorded.
     */
    @Test
    void aTotalBelowTheProvidersMinimumIsRefusedClearlyAndHoldsNothing() {
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("0.30", 3);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 1);
        String draftId = shop.draft(customer, null, null).get("id").asString();
        stripeRefusesAsTooSmall(draftId);
        JsonNode refused = shop.intent(customer, draftId).expectStatus(422).json();
        assertThat(refused.get("type").asString()).endsWith("/amount-too-small");
        assertThat(refused.get("detail").asString()).contains("Amount must be at least €0.50 eur", "add something");
        assertThat(shop.available(variant)).isEqualTo(3);
        assertThat(count("select count(*) from payments where reference = ?", draftId))
                .isZero();

        PageClient shopper = new PageClient(port);
        add(shopper, variant.id(), 1).expectStatus(302);
        Page address = shopper.follow(shopper.get("/checkout")).expectStatus(200);
        String email = "minimum-" + UUID.randomUUID() + "@example.com";
        Page shipping =
                shopper.follow(shopper.submit(address, "form.checkout-form", CheckoutPagesTests.address(email)));
        Page review = shopper.follow(shopper.submit(shipping, "form.checkout-form", Map.of()));
        stripeRefusesAsTooSmall(jdbc.sql("select id::text from orders where email = ?")
                .param(email)
                .query(String.class)
                .single());
        Page notice = shopper.submit(review, "form.checkout-actions", Map.of()).expectStatus(422);
        assertThat(notice.one(".notice.error").text()).contains("below the smallest amount that can be paid by card");
        assertThat(shop.available(variant)).isEqualTo(3);
    }

    /**
     * Over HTTP, as a shopper pays with Stripe: an outage while the intent is created holds no stock
     * and leaves the draft as it was; the retry gets the intent and the signed webhook pays the order.
     */
    @Test
    void checkoutThroughStripeSurvivesAnOutageOfIntentCreation() {
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("25.00", 2);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 2);
        JsonNode draft = shop.draft(customer, null, null);
        String draftId = draft.get("id").asString();
        long total = draft.get("totals")
                .get("total")
                .get("amount")
                .decimalValue()
                .movePointRight(2)
                .longValueExact();
        String key = "order-" + draftId + "-r1";

        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo(key))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}")));
        assertThat(shop.intent(customer, draftId)
                        .expectStatus(502)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/payment-provider-error");
        assertThat(shop.available(variant)).as("nothing held after a failure").isEqualTo(2);
        assertThat(customer.get("/api/v1/orders/draft/" + draftId)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("draft");

        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo(key))
                .willReturn(okJson(intentJson(newPi(), total, "requires_payment_method"))
                        .withFixedDelay(STRIPE_TIMEOUT_DELAY)));
        ApiClient.Response unavailable = shop.intent(customer, draftId).expectStatus(503);
        assertThat(unavailable.json().get("type").asString()).endsWith("/payment-provider-unavailable");
        assertThat(unavailable.header("Retry-After")).isEqualTo("5");
        assertThat(shop.available(variant)).isEqualTo(2);

        String pi = newPi();
        STRIPE.stubFor(post("/v1/payment_intents")
                .withHeader("Idempotency-Key", equalTo(key))
                .willReturn(okJson(intentJson(pi, total, "requires_payment_method"))));
        JsonNode intent = shop.intent(customer, draftId).expectStatus(201).json();
        assertThat(intent.get("provider").asString()).isEqualTo("stripe");
        assertThat(intent.get("client_secret").asString()).isEqualTo(pi + "_secret_abc");
        assertThat(shop.available(variant)).isZero();

        deliver(StripeSignatures.event(
                        "evt_" + UUID.randomUUID(),
                        "payment_intent.succeeded",
                        StripeSignatures.intent(pi, total, "succeeded")))
                .expectStatus(200);
        assertThat(shop.awaitDraft(customer, draftId, "paid").get("number").asString())
                .startsWith("DK-");
        assertThat(count("select count(*) from payments where reference = ?", draftId))
                .isOne();
    }
}

package app.dukkan.platform.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.payments.PaymentEventsRecorder;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.Prometheus;
import app.dukkan.testing.Shop;
import app.dukkan.testing.StripeSignatures;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The business and failure metrics, driven over real HTTP and read from /actuator/prometheus. */
@DukkanTest
class ShopMetricsTests {

    static final WireMockServer ERP = new WireMockServer(wireMockConfig().dynamicPort());
    static final String TEST_WEBHOOK_SECRET = "whsec_test_dukkan_tests_only";

    @LocalServerPort
    int port;

    @Autowired
    PaymentEventsRecorder recorder;

    Shop shop;
    Prometheus prometheus;

    @BeforeAll
    static void start() {
        ERP.start();
    }

    @AfterAll
    static void stop() {
        ERP.stop();
    }

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        prometheus = new Prometheus(port);
    }

    private double funnel(String stage) {
        return prometheus.value("dukkan_funnel_total", Map.of("stage", stage));
    }

    private double eur(String name) {
        return prometheus.value(name, Map.of("currency", "EUR"));
    }

    /** Waits until the metric has grown by {@code delta} (counting after commit can trail the answer). */
    private void awaitGrowth(String what, java.util.function.DoubleSupplier metric, double before, double delta) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(metric.getAsDouble()).as(what).isEqualTo(before + delta));
    }

    @Test
    void theFunnelCountsAProductViewACartACheckoutAndAPaidOrder() {
        Shop.Variant variant = shop.product("12.50", 5);
        double views = funnel("product_view");
        double carts = funnel("cart");
        double checkouts = funnel("checkout");
        double paid = funnel("paid");

        new PageClient(port).get("/products/" + variant.productSlug()).expectStatus(200);
        JsonNode order = shop.buy(shop.guest(), variant, 2, "funnel-" + UUID.randomUUID() + "@example.com");
        assertThat(order.get("status").asString()).isEqualTo("paid");

        awaitGrowth("product views", () -> funnel("product_view"), views, 1);
        awaitGrowth("carts", () -> funnel("cart"), carts, 1);
        awaitGrowth("checkouts", () -> funnel("checkout"), checkouts, 1);
        awaitGrowth("paid orders", () -> funnel("paid"), paid, 1);
    }

    @Test
    void revenueCountsAPaymentOnceThoughItsFirstProcessingRolledBackAndItsEventsCameAgain() {
        Shop.Variant variant = shop.product("30.00", 5);
        ApiClient customer = shop.customer();
        double revenue = eur("dukkan_revenue_total");
        double paid = funnel("paid");

        shop.addToCart(customer, variant, 1);
        JsonNode draft = shop.draft(customer, null, null);
        String draftId = draft.get("id").asString();
        BigDecimal total = draft.get("totals").get("total").get("amount").decimalValue();
        // the first processing of the payment fails after the order was paid in it: a job retries it
        recorder.failSucceeded(draftId, 1);
        String secret = shop.clientSecret(customer, draftId);
        shop.confirm(customer, secret, Shop.SUCCESS_CARD);
        shop.awaitDraft(customer, draftId, "paid");
        awaitGrowth("revenue", () -> eur("dukkan_revenue_total"), revenue, total.doubleValue());

        // the provider reports the success again, as a new event and as the same event twice
        String intentId = secret.substring(0, secret.indexOf("_secret_"));
        String event = StripeSignatures.event(
                "evt_again_" + UUID.randomUUID(),
                "payment_intent.succeeded",
                StripeSignatures.intent(intentId, total.movePointRight(2).longValueExact(), "succeeded")
                        .replace("\"metadata\":{}", "\"metadata\":{\"reference\":\"" + draftId + "\"}"));
        for (int i = 0; i < 2; i++) {
            long now = System.currentTimeMillis() / 1000;
            new ApiClient(port)
                    .withoutCsrf()
                    .header("Stripe-Signature", StripeSignatures.sign(event, TEST_WEBHOOK_SECRET, now))
                    .sendRaw("POST", "/api/v1/payments/webhook", event, "application/json")
                    .expectStatus(200);
        }
        assertThat(eur("dukkan_revenue_total")).isEqualTo(revenue + total.doubleValue());
        assertThat(funnel("paid")).isEqualTo(paid + 1);
    }

    @Test
    void refundsCountEachRefundAndItsAmount() {
        Shop.Variant variant = shop.product("20.00", 5);
        ApiClient customer = shop.customer();
        String number = shop.buy(customer, variant, 1, null).get("number").asString();
        double refunds = eur("dukkan_refunds_total");
        double amount = eur("dukkan_refunded_amount_total");

        shop.admin()
                .post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(200);

        awaitGrowth("refunds", () -> eur("dukkan_refunds_total"), refunds, 1);
        awaitGrowth("refunded amount", () -> eur("dukkan_refunded_amount_total"), amount, 5.0);
    }

    @Test
    void refusedStripeDeliveriesAreCountedBySourceAndReason() {
        Map<String, String> badSignature = Map.of("source", "stripe", "reason", "invalid-signature");
        Map<String, String> badPayload = Map.of("source", "stripe", "reason", "invalid-payload");
        double signatures = prometheus.value("dukkan_webhook_signature_failures_total", Map.of("source", "stripe"));
        double signatureFailures = prometheus.value("dukkan_webhook_failures_total", badSignature);
        double payloadFailures = prometheus.value("dukkan_webhook_failures_total", badPayload);
        ApiClient stripe = new ApiClient(port).withoutCsrf();

        String event = StripeSignatures.event("evt_forged", "payment_intent.succeeded", "{}");
        stripe.header(
                        "Stripe-Signature",
                        StripeSignatures.sign(event, "whsec_wrong", System.currentTimeMillis() / 1000))
                .sendRaw("POST", "/api/v1/payments/webhook", event, "application/json")
                .expectStatus(400);
        String notJson = "not json";
        stripe.header(
                        "Stripe-Signature",
                        StripeSignatures.sign(notJson, TEST_WEBHOOK_SECRET, System.currentTimeMillis() / 1000))
                .sendRaw("POST", "/api/v1/payments/webhook", notJson, "application/json")
                .expectStatus(400);

        assertThat(prometheus.value("dukkan_webhook_signature_failures_total", Map.of("source", "stripe")))
                .isEqualTo(signatures + 1);
        assertThat(prometheus.value("dukkan_webhook_failures_total", badSignature))
                .isEqualTo(signatureFailures + 1);
        assertThat(prometheus.value("dukkan_webhook_failures_total", badPayload))
                .isEqualTo(payloadFailures + 1);
    }

    @Test
    void refusedTriggersAndFailedConnectorCallsAreCounted() {
        ApiClient admin = new CatalogFixtures(port).admin();
        ERP.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        String key = CatalogFixtures.unique("down-");
        JsonNode definition = JsonMapper.builder().build().readTree("""
                {"name": "Always down", "trigger": {"type": "webhook"},
                 "input": {"type": "object", "required": ["number"], "properties": {"number": {"type": "string"}}},
                 "steps": [{"id": "erp", "connector": "http",
                            "input": {"url": "http://localhost:%d/down", "body": {"order": "{{trigger.number}}"}}}]}""".formatted(ERP.port()));
        admin.post("/api/v1/workflows", Map.of("key", key, "definition", definition))
                .expectStatus(201);
        admin.post("/api/v1/workflows/" + key + "/enable", null).expectStatus(200);
        String secret = admin.post(
                        "/api/v1/me/api-keys",
                        Map.of("name", CatalogFixtures.unique("k"), "scopes", List.of("triggers:write")))
                .expectStatus(201)
                .json()
                .get("secret")
                .asString();
        ApiClient client = new ApiClient(port).withoutCsrf().header("Authorization", "Bearer " + secret);
        Map<String, String> notFound = Map.of("source", "trigger", "reason", "not-found");
        Map<String, String> invalid = Map.of("source", "trigger", "reason", "invalid-payload");
        double notFoundBefore = prometheus.value("dukkan_webhook_failures_total", notFound);
        double invalidBefore = prometheus.value("dukkan_webhook_failures_total", invalid);
        double connectorBefore = prometheus.value("dukkan_connector_failures_total", Map.of("connector", "http"));

        client.post("/api/v1/triggers/no-such-workflow", Map.of()).expectStatus(404);
        client.post("/api/v1/triggers/" + key, Map.of("number", 12)).expectStatus(422);
        client.post("/api/v1/triggers/" + key, Map.of("number", "DK-1")).expectStatus(202);

        assertThat(prometheus.value("dukkan_webhook_failures_total", notFound)).isEqualTo(notFoundBefore + 1);
        assertThat(prometheus.value("dukkan_webhook_failures_total", invalid)).isEqualTo(invalidBefore + 1);
        // each of the step's three attempts (the tests' retry policy) fails
        awaitGrowth(
                "connector failures",
                () -> prometheus.value("dukkan_connector_failures_total", Map.of("connector", "http")),
                connectorBefore,
                3);
    }
}

package app.dukkan.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.catalog.Stock;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import app.dukkan.testing.StripeSignatures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Stock is taken exactly once: under a crowd of buyers, duplicate webhooks and expired reservations. */
@DukkanTest
class PurchaseConcurrencyTests {

    @LocalServerPort
    int port;

    @Value("${dukkan.payments.test-provider.webhook-secret}")
    String webhookSecret;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Stock stock;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    /** 200 buyers race for 50 units: exactly 50 orders are paid, the rest refused, never oversold. */
    @Test
    void twoHundredBuyersForFiftyUnits() throws Exception {
        Variant variant = shop.product("9.99", 50);
        int buyers = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> attempts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            String email = "buyer" + i + "-" + UUID.randomUUID() + "@example.com";
            attempts.add(() -> {
                ApiClient buyer = shop.guest();
                start.await();
                if (buyer.post("/api/v1/cart", Map.of("variant_id", variant.id(), "quantity", 1))
                                .status()
                        != 200) {
                    return "refused at cart";
                }
                ApiClient.Response draft =
                        buyer.post("/api/v1/orders/draft", Map.of("address", Shop.address("DE"), "email", email));
                if (draft.status() != 201) {
                    return "refused at draft";
                }
                String draftId = draft.json().get("id").asString();
                ApiClient.Response intent = shop.intent(buyer, draftId);
                if (intent.status() == 409) {
                    return "refused at payment";
                }
                intent.expectStatus(201);
                shop.confirm(buyer, intent.json().get("client_secret").asString(), Shop.SUCCESS_CARD);
                return shop.awaitDraft(buyer, draftId, "paid").get("status").asString();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            attempts.forEach(attempt -> outcomes.add(pool.submit(attempt)));
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results.stream().filter("paid"::equals).count()).isEqualTo(50);
            assertThat(results.stream().filter(r -> r.startsWith("refused")).count())
                    .isEqualTo(150);
        } finally {
            pool.shutdownNow();
        }
        assertThat(onHand(variant)).isZero();
        assertThat(shop.available(variant)).isZero();
        assertThat(paidOrdersOf(variant)).isEqualTo(50);
    }

    /** Drafts asked for at once for one cart (a double submit): all answer the one draft the cart has. */
    @Test
    void draftsAskedForAtOnceMakeOneDraftPerCart() throws Exception {
        Variant variant = shop.product("5.00", 100);
        int carts = 8;
        int requests = 6;
        ExecutorService pool = Executors.newFixedThreadPool(carts * requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<ApiClient> shoppers = new ArrayList<>();
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int c = 0; c < carts; c++) {
                ApiClient shopper = shop.guest();
                shop.addToCart(shopper, variant, 1);
                shoppers.add(shopper);
                String email = "twice" + c + "-" + UUID.randomUUID() + "@example.com";
                for (int r = 0; r < requests; r++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return shopper.post(
                                "/api/v1/orders/draft", Map.of("address", Shop.address("DE"), "email", email));
                    }));
                }
            }
            start.countDown();
            for (Future<ApiClient.Response> answer : answers) {
                answer.get().expectStatus(201);
            }
            for (ApiClient shopper : shoppers) {
                String cartId = shopper.get("/api/v1/cart").json().get("id").asString();
                assertThat(jdbc.sql("select count(*) from orders where cart_id = ?::uuid"
                                        + " and status in ('draft', 'awaiting_payment')")
                                .param(cartId)
                                .query(Integer.class)
                                .single())
                        .as("open drafts of cart %s", cartId)
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same payment_intent.succeeded ten times at once: one order, one decrement, one coupon use. */
    @Test
    void duplicateWebhooksFinalizeOnce() throws Exception {
        Variant variant = shop.product("20.00", 10);
        String coupon = ("DUP" + UUID.randomUUID().toString().substring(0, 6)).toUpperCase();
        shop.admin()
                .post("/api/v1/admin/coupons", Map.of("code", coupon, "kind", "percent", "percent", 10))
                .expectStatus(201);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, variant, 2);
        JsonNode draft = shop.draft(customer, null, coupon);
        String draftId = draft.get("id").asString();
        JsonNode intent = shop.intent(customer, draftId).expectStatus(201).json();
        String paymentIntentId = intent.get("client_secret").asString().split("_secret_")[0];
        long amountMinor = intent.get("amount")
                .get("amount")
                .decimalValue()
                .movePointRight(2)
                .longValueExact();

        String event = StripeSignatures.event(
                "evt_dup_" + UUID.randomUUID(),
                "payment_intent.succeeded",
                StripeSignatures.intent(paymentIntentId, amountMinor, "succeeded"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> deliveries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                deliveries.add(pool.submit(() -> {
                    start.await();
                    return shop.guest()
                            .withoutCsrf()
                            .header(
                                    "Stripe-Signature",
                                    StripeSignatures.sign(
                                            event, webhookSecret, Instant.now().getEpochSecond()))
                            .sendRaw("POST", "/api/v1/payments/webhook", event, "application/json")
                            .status();
                }));
            }
            start.countDown();
            for (Future<Integer> delivery : deliveries) {
                assertThat(delivery.get()).isBetween(200, 299);
            }
        } finally {
            pool.shutdownNow();
        }
        shop.awaitDraft(customer, draftId, "paid");
        // later deliveries are processed too: give them the time to (not) act
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(onHand(variant)).isEqualTo(8);
        assertThat(paidOrdersOf(variant)).isEqualTo(1);
        assertThat(jdbc.sql("select used_count from coupons where lower(code) = lower(?)")
                        .param(coupon)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from coupon_redemptions r join coupons c on c.id = r.coupon_id"
                                + " where lower(c.code) = lower(?)")
                        .param(coupon)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    /**
     * The reservation expired and someone else bought the stock before the payment arrived: the
     * order is cancelled and the payment refunded, never oversold.
     */
    @Test
    void paymentAfterTheStockWasSoldElsewhereIsRefunded() {
        Variant variant = shop.product("11.00", 1);
        ApiClient slow = shop.customer();
        shop.addToCart(slow, variant, 1);
        String draftId = shop.draft(slow, null, null).get("id").asString();
        String secret = shop.clientSecret(slow, draftId);

        jdbc.sql("update stock_reservations set expires_at = now() - interval '1 minute' where reservation_key = ?")
                .param(draftId)
                .update();
        stock.releaseExpired(Instant.now());
        shop.buy(shop.customer(), variant, 1, null);

        shop.confirm(slow, secret, Shop.SUCCESS_CARD);
        JsonNode cancelled = shop.awaitDraft(slow, draftId, "cancelled");
        assertThat(cancelled.get("number").asString()).startsWith("DK-");
        JsonNode order = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> shop.admin()
                                .get("/api/v1/admin/orders/"
                                        + cancelled.get("number").asString())
                                .expectStatus(200)
                                .json(),
                        o -> o.get("refunded").equals(o.get("totals").get("total")));
        assertThat(order.get("cancel_reason").asString()).isEqualTo("stock_shortage");
        assertThat(onHand(variant)).isZero();
    }

    /**
     * The draft changed (same total) and its new payment is being started, not yet attached, when the
     * old content's payment succeeds from an old tab: it pays for what the draft no longer is, so it
     * is refunded and the draft keeps waiting for its own payment.
     */
    @Test
    void aPaymentOfAnEarlierContentIsRefundedWhileTheNewOneIsBeingStarted() {
        Variant variant = shop.product("13.00", 5);
        ApiClient buyer = shop.customer();
        shop.addToCart(buyer, variant, 1);
        String draftId = shop.draft(buyer, null, null).get("id").asString();
        String oldTab = shop.clientSecret(buyer, draftId);
        Map<String, Object> moved = Shop.address("DE");
        moved.put("line1", "Other Street 2");
        buyer.patch("/api/v1/orders/draft/" + draftId, Map.of("address", moved)).expectStatus(200);
        // the moment between the new start's first transaction and attaching its intent
        jdbc.sql("""
                        update orders set status = 'awaiting_payment', payment_id = null,
                                          reserved_until = now() + interval '10 minutes'
                        where id = ?::uuid""").param(draftId).update();

        shop.confirm(buyer, oldTab, Shop.SUCCESS_CARD);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("""
                                select count(*) from payment_refunds r join payments p on p.id = r.payment_id
                                where p.reference = ? and r.reason = 'superseded'""").param(draftId).query(Long.class).single() == 1);
        assertThat(jdbc.sql("select status from orders where id = ?::uuid")
                        .param(draftId)
                        .query(String.class)
                        .single())
                .isEqualTo("awaiting_payment");
    }

    private int onHand(Variant variant) {
        return jdbc.sql("select stock from variants where id = ?::uuid")
                .param(variant.id())
                .query(Integer.class)
                .single();
    }

    private long paidOrdersOf(Variant variant) {
        return jdbc.sql("""
                        select count(distinct o.id) from orders o join order_lines l on l.order_id = o.id
                        where l.variant_id = ?::uuid and o.status = 'paid'
                        """).param(variant.id()).query(Long.class).single();
    }
}

package app.dukkan.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.catalog.Stock;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A coupon's limits hold: its use is reserved when the payment starts, together with the stock, and
 * released with it; once per customer means once per email address, signed in or not.
 */
@DukkanTest
class CouponLimitTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Stock stock;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    @Test
    void aCapOfOneAdmitsOnePaymentAmongDraftsPricedWithIt() {
        String code = coupon(1, false);
        Variant variant = shop.product("10.00", 5);
        ApiClient first = shop.guest();
        ApiClient second = shop.guest();
        String firstDraft = guestDraft(first, variant, "first-" + UUID.randomUUID() + "@example.com", code);
        String secondDraft = guestDraft(second, variant, "second-" + UUID.randomUUID() + "@example.com", code);

        shop.intent(first, firstDraft).expectStatus(201);
        JsonNode refused = shop.intent(second, secondDraft).expectStatus(409).json();
        assertThat(refused.get("type").asString()).endsWith("/coupon-unavailable");
        assertThat(refused.get("errors").findValuesAsString("field")).containsExactly("coupon_code");
        assertThat(shop.available(variant))
                .as("the refused payment holds no stock")
                .isEqualTo(4);
        assertThat(second.get("/api/v1/orders/draft/" + secondDraft)
                        .expectStatus(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("draft");

        shop.confirm(first, shop.clientSecret(first, firstDraft), Shop.SUCCESS_CARD);
        shop.awaitDraft(first, firstDraft, "paid");
        assertThat(usedCount(code)).isEqualTo(1);
        shop.intent(second, secondDraft).expectStatus(409);
    }

    @Test
    void oncePerCustomerHoldsForTheSameEmailSignedInOrAsGuest() {
        String code = coupon(null, true);
        Variant variant = shop.product("10.00", 5);
        String email = "Once-" + UUID.randomUUID() + "@Example.com";
        ApiClient account =
                new ApiClient(port).register(email, "correct horse 42").login(email, "correct horse 42");
        shop.addToCart(account, variant, 1);
        String paid = shop.draft(account, null, code).get("id").asString();
        shop.confirm(account, shop.clientSecret(account, paid), Shop.SUCCESS_CARD);
        shop.awaitDraft(account, paid, "paid");

        for (String sameEmail : List.of(email.toLowerCase(), email.toUpperCase(), email)) {
            ApiClient guest = shop.guest();
            shop.addToCart(guest, variant, 1);
            JsonNode refused = guest.post("/api/v1/orders/draft", draftBody(sameEmail, code))
                    .expectStatus(400)
                    .json();
            assertThat(refused.get("type").asString()).as(sameEmail).endsWith("/coupon-already-used");
        }
    }

    /**
     * An order an operator cancels gives its coupon use back, once: the customer may use a once per
     * customer coupon again, and a capped coupon's count goes down by one, not below.
     */
    @Test
    void anOperatorsCancelGivesTheCouponUseBackOnce() {
        String code = coupon(2, true);
        Variant variant = shop.product("10.00", 5);
        String email = "cancelled-" + UUID.randomUUID() + "@example.com";
        ApiClient guest = shop.guest();
        String first = guestDraft(guest, variant, email, code);
        shop.confirm(guest, shop.clientSecret(guest, first), Shop.SUCCESS_CARD);
        String number = shop.awaitDraft(guest, first, "paid").get("number").asString();
        assertThat(usedCount(code)).isEqualTo(1);

        ApiClient admin = shop.admin();
        String cancel = "/api/v1/admin/orders/" + number + "/cancel";
        admin.post(cancel, Map.of("reason", "customer called")).expectStatus(200);
        admin.post(cancel, Map.of("reason", "customer called")).expectStatus(409);
        assertThat(usedCount(code)).isZero();

        ApiClient again = shop.guest();
        String second = guestDraft(again, variant, email.toUpperCase(), code);
        shop.confirm(again, shop.clientSecret(again, second), Shop.SUCCESS_CARD);
        shop.awaitDraft(again, second, "paid");
        assertThat(usedCount(code)).isEqualTo(1);
    }

    @Test
    void aGuestWhoseEmailIsAnAccountsCannotUseTheCouponTwice() {
        String code = coupon(null, true);
        Variant variant = shop.product("10.00", 5);
        String email = "guest-first-" + UUID.randomUUID() + "@example.com";
        ApiClient guest = shop.guest();
        String guestDraft = guestDraft(guest, variant, email.toUpperCase(), code);
        shop.confirm(guest, shop.clientSecret(guest, guestDraft), Shop.SUCCESS_CARD);
        shop.awaitDraft(guest, guestDraft, "paid");

        ApiClient account =
                new ApiClient(port).register(email, "correct horse 42").login(email, "correct horse 42");
        shop.addToCart(account, variant, 1);
        JsonNode refused = account.post("/api/v1/orders/draft", draftBody(null, code))
                .expectStatus(400)
                .json();
        assertThat(refused.get("type").asString()).endsWith("/coupon-already-used");
    }

    @Test
    void twoGuestCartsWithOneEmailGetOneUse() {
        String code = coupon(null, true);
        Variant variant = shop.product("10.00", 5);
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        ApiClient first = shop.guest();
        ApiClient second = shop.guest();
        String firstDraft = guestDraft(first, variant, email, code);
        String secondDraft = guestDraft(second, variant, email.toUpperCase(), code);

        shop.intent(first, firstDraft).expectStatus(201);
        JsonNode refused = shop.intent(second, secondDraft).expectStatus(409).json();
        assertThat(refused.get("type").asString()).endsWith("/coupon-unavailable");
        assertThat(refused.get("detail").asString()).contains("once per customer");
    }

    /**
     * A declined payment keeps its hold (another card may pay it) until the hold expires, which gives
     * the use back; a payment arriving after its hold expired, when the cap was reached meanwhile, is
     * refunded and its order cancelled, as when its stock ran out: the cap holds.
     */
    @Test
    void aReleasedHoldFreesTheUseAndALatePaymentPastTheCapIsRefunded() {
        String code = coupon(1, false);
        Variant variant = shop.product("10.00", 5);
        ApiClient declined = shop.guest();
        ApiClient late = shop.customer();
        ApiClient third = shop.guest();
        String declinedDraft = guestDraft(declined, variant, "d-" + UUID.randomUUID() + "@example.com", code);
        shop.addToCart(late, variant, 1);
        String lateDraft = shop.draft(late, null, code).get("id").asString();
        String thirdDraft = guestDraft(third, variant, "t-" + UUID.randomUUID() + "@example.com", code);

        shop.confirm(declined, shop.clientSecret(declined, declinedDraft), Shop.DECLINED_CARD);
        shop.intent(late, lateDraft).expectStatus(409);
        expireHold(declinedDraft);
        String lateSecret = shop.clientSecret(late, lateDraft);
        shop.intent(third, thirdDraft).expectStatus(409);

        expireHold(lateDraft);
        String thirdSecret = shop.clientSecret(third, thirdDraft);
        shop.confirm(third, thirdSecret, Shop.SUCCESS_CARD);
        shop.awaitDraft(third, thirdDraft, "paid");

        shop.confirm(late, lateSecret, Shop.SUCCESS_CARD);
        String number =
                shop.awaitDraft(late, lateDraft, "cancelled").get("number").asString();
        JsonNode order = refundedInFull(number);
        assertThat(order.get("cancel_reason").asString()).isEqualTo("coupon_used_up");
        assertThat(late.get("/api/v1/orders/" + number)
                        .expectStatus(200)
                        .json()
                        .get("cancel_reason")
                        .asString())
                .as("the customer is told why")
                .isEqualTo("coupon_used_up");
        ApiClient.Response receipt = late.get("/api/v1/orders/" + number + "/receipt");
        assertThat(receipt.status()).isEqualTo(404);
        assertThat(receipt.json().get("type").asString())
                .as("never one to wait for")
                .endsWith("/receipt-none");
        assertThat(receipt.header("Retry-After")).isNull();
        assertThat(usedCount(code))
                .as("only the order paid within its hold counts")
                .isEqualTo(1);
        assertThat(shop.available(variant))
                .as("the refused order's unit is back")
                .isEqualTo(4);
    }

    /**
     * A payment after its hold expired does not get a coupon switched off (or ended) meanwhile: a
     * leaked code an operator turned off stays off for intents started before.
     */
    @Test
    void aLatePaymentAfterTheCouponWasSwitchedOffIsRefunded() {
        String code = coupon(null, false);
        Variant variant = shop.product("10.00", 5);
        ApiClient late = shop.guest();
        String lateDraft = guestDraft(late, variant, "off-" + UUID.randomUUID() + "@example.com", code);
        String secret = shop.clientSecret(late, lateDraft);
        expireHold(lateDraft);
        shop.admin()
                .patch("/api/v1/admin/coupons/" + code, Map.of("active", false))
                .expectStatus(200);

        shop.confirm(late, secret, Shop.SUCCESS_CARD);

        String number =
                shop.awaitDraft(late, lateDraft, "cancelled").get("number").asString();
        JsonNode order = refundedInFull(number);
        assertThat(order.get("cancel_reason").asString()).isEqualTo("coupon_used_up");
        assertThat(usedCount(code)).isZero();
        assertThat(shop.available(variant)).isEqualTo(5);
    }

    /** A payment after its hold expired keeps its coupon while the cap still has a use for it. */
    @Test
    void aLatePaymentKeepsItsCouponWhileTheCapAllowsIt() {
        String code = coupon(2, true);
        Variant variant = shop.product("10.00", 5);
        ApiClient late = shop.guest();
        String lateDraft = guestDraft(late, variant, "l-" + UUID.randomUUID() + "@example.com", code);
        String secret = shop.clientSecret(late, lateDraft);
        expireHold(lateDraft);

        shop.confirm(late, secret, Shop.SUCCESS_CARD);
        JsonNode paid = shop.awaitDraft(late, lateDraft, "paid");
        assertThat(paid.get("totals").get("discounts").get("amount").decimalValue())
                .isEqualByComparingTo("1.00");
        assertThat(usedCount(code)).isEqualTo(1);
    }

    @Test
    void concurrentPaymentStartsNeverOverrunTheCap() throws Exception {
        int cap = 3;
        int buyers = 12;
        String code = coupon(cap, false);
        Variant variant = shop.product("10.00", 100);
        List<ApiClient> clients = new ArrayList<>();
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            ApiClient guest = shop.guest();
            clients.add(guest);
            drafts.add(guestDraft(guest, variant, "race-" + i + "-" + UUID.randomUUID() + "@example.com", code));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                ApiClient client = clients.get(i);
                String draft = drafts.get(i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return shop.intent(client, draft).status();
                }));
            }
            start.countDown();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(cap);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(buyers - cap);
        assertThat(shop.available(variant)).isEqualTo(100 - cap);
    }

    private String coupon(Integer cap, boolean oncePerCustomer) {
        String code = ("LIM" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)).toUpperCase();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("kind", "percent");
        body.put("percent", 10);
        body.put("once_per_customer", oncePerCustomer);
        if (cap != null) {
            body.put("usage_cap", cap);
        }
        shop.admin().post("/api/v1/admin/coupons", body).expectStatus(201);
        return code;
    }

    private String guestDraft(ApiClient guest, Variant variant, String email, String code) {
        shop.addToCart(guest, variant, 1);
        return shop.draft(guest, email, code).get("id").asString();
    }

    private static Map<String, Object> draftBody(String email, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", Shop.address("DE"));
        if (email != null) {
            body.put("email", email);
        }
        body.put("coupon_code", code);
        return body;
    }

    /** The order as the console shows it once its payment is refunded in full. */
    private JsonNode refundedInFull(String number) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> shop.admin()
                                .get("/api/v1/admin/orders/" + number)
                                .expectStatus(200)
                                .json(),
                        o -> o.get("refunded").equals(o.get("totals").get("total")));
    }

    /** The draft's hold runs out, and the sweep releases it. */
    private void expireHold(String draftId) {
        jdbc.sql("update stock_reservations set expires_at = now() - interval '1 minute' where reservation_key = ?")
                .param(draftId)
                .update();
        jdbc.sql("update orders set reserved_until = now() - interval '1 minute' where id = ?::uuid")
                .param(draftId)
                .update();
        jdbc.sql("update coupon_holds set expires_at = now() - interval '1 minute' where order_id = ?::uuid")
                .param(draftId)
                .update();
        stock.releaseExpired(Instant.now());
    }

    private int usedCount(String code) {
        return jdbc.sql("select used_count from coupons where code = ?")
                .param(code)
                .query(Integer.class)
                .single();
    }
}

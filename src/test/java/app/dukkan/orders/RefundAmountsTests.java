package app.dukkan.orders;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Returns and refunds give back what the customer paid for the units: the lines' shares of the
 * order's discounts and tax, never more than the order's payment.
 */
@DukkanTest
class RefundAmountsTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Shop shop;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        admin = shop.admin();
    }

    @Test
    void returningOneOfTwoDiscountedUnitsRefundsHalfOfWhatWasPaid() {
        Variant variant = shop.product("51.99", 5);
        String coupon = coupon("percent", 50);
        ApiClient customer = shop.customer();
        // 2 × 51.99 = 103.98, half off: 51.99 of goods, shipped free above 50.00, tax included
        JsonNode order = shippedOrder(customer, "DE", coupon, Map.of(variant, 2));
        assertThat(amount(order.get("totals").get("total"))).isEqualByComparingTo("51.99");
        assertThat(amount(order.get("totals").get("shipping"))).isEqualByComparingTo("0.00");
        JsonNode line = order.get("lines").get(0);
        assertThat(amount(line.get("paid_total"))).isEqualByComparingTo("51.99");

        BigDecimal first = returnAndAccept(customer, order, line, 1);
        assertThat(first).isIn(new BigDecimal("25.99"), new BigDecimal("26.00"));
        BigDecimal second = returnAndAccept(customer, order, line, 1);
        assertThat(first.add(second)).isEqualByComparingTo("51.99");

        JsonNode after = orderOf(customer, order);
        assertThat(after.get("status").asString()).isEqualTo("refunded");
        assertThat(after.get("lines").get(0).get("refunded_quantity").asInt()).isEqualTo(2);
        assertRefundsAgree(after);
    }

    @Test
    void aFixedCouponIsSharedByTheLinesAndShippingComesBackWithTheLastUnit() {
        Variant cheap = shop.product("10.00", 5);
        Variant dear = shop.product("30.00", 5);
        String coupon = coupon("fixed", "8.00");
        ApiClient customer = shop.customer();
        // 40.00 − 8.00 = 32.00 of goods (10.00 → 8.00, 30.00 → 24.00), shipping 4.90 below 50.00
        JsonNode order = shippedOrder(customer, "DE", coupon, orderedMap(cheap, 1, dear, 1));
        assertThat(amount(order.get("totals").get("total"))).isEqualByComparingTo("36.90");

        assertThat(returnAndAccept(customer, order, line(order, cheap), 1)).isEqualByComparingTo("8.00");
        assertThat(returnAndAccept(customer, order, line(order, dear), 1))
                .as("the last unit back brings the shipping with it")
                .isEqualByComparingTo("28.90");
        assertRefundsAgree(orderOf(customer, order));
    }

    @Test
    void aCouponLargerThanALineLeavesEveryLineWhatItsShareCost() {
        Variant small = shop.product("5.00", 5);
        Variant large = shop.product("45.00", 5);
        String coupon = coupon("fixed", "25.00");
        ApiClient customer = shop.customer();
        // 50.00 − 25.00: half of each line's price is paid
        JsonNode order = shippedOrder(customer, "DE", coupon, orderedMap(small, 1, large, 1));
        assertThat(amount(line(order, small).get("paid_total"))).isEqualByComparingTo("2.50");
        assertThat(amount(line(order, large).get("paid_total"))).isEqualByComparingTo("22.50");

        assertThat(returnAndAccept(customer, order, line(order, small), 1)).isEqualByComparingTo("2.50");
    }

    @Test
    void aCouponWorthTheWholeBasketRefundsOnlyTheShipping() {
        Variant variant = shop.product("20.00", 5);
        String coupon = coupon("fixed", "60.00");
        ApiClient customer = shop.customer();
        JsonNode order = shippedOrder(customer, "DE", coupon, Map.of(variant, 2));
        assertThat(amount(order.get("totals").get("total"))).isEqualByComparingTo("4.90");

        JsonNode line = order.get("lines").get(0);
        assertThat(returnAndAccept(customer, order, line, 1)).isEqualByComparingTo("0.00");
        assertThat(returnAndAccept(customer, order, line, 1)).isEqualByComparingTo("4.90");
        assertRefundsAgree(orderOf(customer, order));
    }

    @Test
    void exclusiveTaxIsRefundedWithTheUnitsItWasChargedOn() {
        Variant variant = shop.product("10.00", 5);
        ApiClient customer = shop.customer();
        // GB: 30.00 + 19.90 shipping, plus 20 % tax (9.98): 6.00 of it on the goods, 3.98 on shipping
        JsonNode order = shippedOrder(customer, "GB", null, Map.of(variant, 3));
        assertThat(amount(order.get("totals").get("total"))).isEqualByComparingTo("59.88");
        JsonNode line = order.get("lines").get(0);
        assertThat(amount(line.get("paid_total"))).isEqualByComparingTo("36.00");

        assertThat(returnAndAccept(customer, order, line, 1)).isEqualByComparingTo("12.00");
        assertThat(returnAndAccept(customer, order, line, 2)).isEqualByComparingTo("47.88");
        assertRefundsAgree(orderOf(customer, order));
    }

    @Test
    void manyLinesAndUnitsRoundToExactlyWhatWasPaid() {
        Variant a = shop.product("3.33", 9);
        Variant b = shop.product("1.01", 9);
        Variant c = shop.product("7.77", 9);
        String coupon = coupon("percent", 33);
        ApiClient customer = shop.customer();
        JsonNode order = shippedOrder(customer, "DE", coupon, orderedMap(a, 3, b, 1, c, 2));
        JsonNode totals = order.get("totals");
        BigDecimal goods = amount(totals.get("subtotal")).subtract(amount(totals.get("discounts")));
        BigDecimal linesPaid = BigDecimal.ZERO;
        for (JsonNode line : order.get("lines")) {
            linesPaid = linesPaid.add(amount(line.get("paid_total")));
        }
        assertThat(linesPaid).isEqualByComparingTo(goods);

        BigDecimal refunded = BigDecimal.ZERO;
        int unitsLeft = 6;
        for (JsonNode line : order.get("lines")) {
            for (int unit = 0; unit < line.get("quantity").asInt(); unit++) {
                BigDecimal refund = returnAndAccept(customer, order, line, 1);
                BigDecimal shipping = --unitsLeft == 0 ? amount(totals.get("shipping")) : BigDecimal.ZERO;
                assertThat(refund)
                        .isLessThanOrEqualTo(amount(line.get("unit_price")).add(shipping));
                refunded = refunded.add(refund);
            }
        }
        assertThat(refunded).isEqualByComparingTo(amount(totals.get("total")));
        assertRefundsAgree(orderOf(customer, order));
    }

    @Test
    void aReturnAfterAnOperatorsPartialRefundGetsAtMostTheRest() {
        Variant variant = shop.product("30.00", 5);
        String coupon = coupon("percent", 50);
        ApiClient customer = shop.customer();
        // 60.00 half off: 30.00 of goods, 15.00 a unit, plus 4.90 shipping
        JsonNode order = shippedOrder(customer, "DE", coupon, Map.of(variant, 2));
        assertThat(amount(order.get("totals").get("total"))).isEqualByComparingTo("34.90");
        admin.post(
                        "/api/v1/admin/orders/" + order.get("number").asString() + "/refunds",
                        Map.of("amount", Map.of("amount", "10.00", "currency", "EUR"), "reason", "late"))
                .expectStatus(200);

        JsonNode line = order.get("lines").get(0);
        assertThat(returnAndAccept(customer, order, line, 1)).isEqualByComparingTo("15.00");
        assertThat(returnAndAccept(customer, order, line, 1))
                .as("15.00 and the shipping, but only 9.90 is left")
                .isEqualByComparingTo("9.90");
        JsonNode after = orderOf(customer, order);
        assertThat(amount(after.get("refunded"))).isEqualByComparingTo("34.90");
        assertThat(after.get("status").asString()).isEqualTo("refunded");
        assertRefundsAgree(after);
    }

    @Test
    void anOperatorRefundsUnitsOfALineAtWhatWasPaidForThem() {
        Variant variant = shop.product("51.99", 5);
        String coupon = coupon("percent", 50);
        ApiClient customer = shop.customer();
        String draftId = paidDraft(customer, "DE", coupon, Map.of(variant, 2));
        JsonNode order = shop.awaitDraft(customer, draftId, "paid");
        String refunds = "/api/v1/admin/orders/" + order.get("number").asString() + "/refunds";
        String lineId = order.get("lines").get(0).get("id").asString();

        JsonNode both = admin.post(
                        refunds,
                        Map.of(
                                "amount",
                                Map.of("amount", "1.00", "currency", "EUR"),
                                "lines",
                                List.of(Map.of("line_id", lineId, "quantity", 1)),
                                "reason",
                                "scratch"))
                .expectStatus(400)
                .json();
        assertThat(both.get("errors").findValuesAsString("field")).contains("lines");
        admin.post(
                        refunds,
                        Map.of("lines", List.of(Map.of("line_id", UUID.randomUUID(), "quantity", 1)), "reason", "x"))
                .expectStatus(400);

        JsonNode once = admin.post(
                        refunds,
                        Map.of("lines", List.of(Map.of("line_id", lineId, "quantity", 1)), "reason", "scratch"))
                .expectStatus(200)
                .json();
        assertThat(amount(once.get("refunded"))).isIn(new BigDecimal("25.99"), new BigDecimal("26.00"));
        assertThat(once.get("status").asString()).isEqualTo("paid");
        admin.post(refunds, Map.of("lines", List.of(Map.of("line_id", lineId, "quantity", 2)), "reason", "more"))
                .expectStatus(409);
        JsonNode all = admin.post(
                        refunds,
                        Map.of("lines", List.of(Map.of("line_id", lineId, "quantity", 1)), "reason", "scratch"))
                .expectStatus(200)
                .json();
        assertThat(amount(all.get("refunded"))).isEqualByComparingTo("51.99");
        assertThat(all.get("status").asString()).isEqualTo("refunded");
        assertRefundsAgree(all);
    }

    @Test
    void returnedUnitsThatWereRefundedAlreadyAreNotRefundedAgain() {
        Variant variant = shop.product("30.00", 5);
        String coupon = coupon("percent", 50);
        ApiClient customer = shop.customer();
        JsonNode order = shippedOrder(customer, "DE", coupon, Map.of(variant, 2));
        JsonNode line = order.get("lines").get(0);
        admin.post(
                        "/api/v1/admin/orders/" + order.get("number").asString() + "/refunds",
                        Map.of(
                                "lines",
                                List.of(Map.of("line_id", line.get("id").asString(), "quantity", 1)),
                                "reason",
                                "arrived broken"))
                .expectStatus(200);

        assertThat(returnAndAccept(customer, order, line, 2))
                .as("one unit not yet refunded, and the shipping")
                .isEqualByComparingTo("19.90");
        JsonNode after = orderOf(customer, order);
        assertThat(amount(after.get("refunded"))).isEqualByComparingTo("34.90");
        assertRefundsAgree(after);
    }

    /** Returns accepted while operators refund: every return is decided, none pays back more than is left. */
    @Test
    void concurrentReturnsAndRefundsNeverPayBackMoreThanWasPaid() throws Exception {
        Variant variant = shop.product("10.00", 9);
        ApiClient customer = shop.customer();
        JsonNode order = shippedOrder(customer, "DE", null, Map.of(variant, 4));
        String number = order.get("number").asString();
        String lineId = order.get("lines").get(0).get("id").asString();
        List<String> returnIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            returnIds.add(customer.post(
                            "/api/v1/orders/" + number + "/returns",
                            Map.of("line_id", lineId, "quantity", 1, "reason", "changed my mind"))
                    .expectStatus(201)
                    .json()
                    .get("id")
                    .asString());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String returnId : returnIds) {
            ApiClient operator = shop.admin();
            calls.add(() -> {
                start.await();
                return operator.post("/api/v1/admin/returns/" + returnId + "/accept", Map.of())
                        .status();
            });
        }
        for (int i = 0; i < 3; i++) {
            ApiClient operator = shop.admin();
            calls.add(() -> {
                start.await();
                return operator.post(
                                "/api/v1/admin/orders/" + number + "/refunds",
                                Map.of("amount", Map.of("amount", "12.00", "currency", "EUR"), "reason", "goodwill"))
                        .status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            calls.forEach(call -> answers.add(pool.submit(call)));
            start.countDown();
            for (int i = 0; i < answers.size(); i++) {
                int status = answers.get(i).get();
                if (i < returnIds.size()) {
                    assertThat(status).as("accepting a return").isEqualTo(200);
                } else {
                    assertThat(status).as("a partial refund").isIn(200, 409);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        JsonNode after = orderOf(customer, order);
        assertThat(amount(after.get("refunded"))).isEqualByComparingTo("44.90");
        assertRefundsAgree(after);
    }

    /**
     * A refund the provider refuses for good no longer counts as refunded, and the order's history
     * says that the money did not go back, to its customer and to operators.
     */
    @Test
    void aRefundTheProviderRefusesShowsInTheOrdersHistoryAndIsLeftToRefund() {
        Variant variant = shop.product("20.00", 5);
        ApiClient customer = shop.customer();
        JsonNode order = shippedOrder(customer, "DE", null, Map.of(variant, 1));
        String number = order.get("number").asString();
        blockRefunds(order);

        admin.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"), "reason", "scratched"))
                .expectStatus(200);

        JsonNode after = awaitRefusals(customer, order, 1);
        assertThat(after.get("history").findValuesAsString("note"))
                .containsSubsequence("refund", "refund-failed")
                .doesNotContain("refund-confirmed");
        assertThat(amount(after.get("refunded"))).isEqualByComparingTo("0.00");
        assertThat(after.get("status").asString()).isEqualTo("fulfilled");
        assertThat(admin.get("/api/v1/admin/orders/" + number)
                        .expectStatus(200)
                        .json()
                        .get("history")
                        .findValuesAsString("note"))
                .anyMatch(note -> note.startsWith("refund refused by the provider: 5.00 EUR: "));
        assertThat(jdbc.sql("select amount_minor from order_refund_refusals where order_id = ?")
                        .param(UUID.fromString(order.get("id").asString()))
                        .query(Long.class)
                        .list())
                .containsExactly(500L);
    }

    /**
     * A refused refund of all of an unshipped order is made again with a new key: the order, refunded
     * and restocked by the first try, counts the money once more but puts no stock back twice, while
     * the first try's key still answers as done without refunding.
     */
    @Test
    void aRefusedRefundIsMadeAgainWithANewKeyAndItsOwnKeyStillAnswersAsDone() {
        Variant variant = shop.product("20.00", 5);
        ApiClient customer = shop.customer();
        String draftId = paidDraft(customer, "DE", null, Map.of(variant, 1));
        JsonNode order = shop.awaitDraft(customer, draftId, "paid");
        String number = order.get("number").asString();
        UUID orderId = UUID.fromString(order.get("id").asString());
        blockRefunds(order);
        ApiClient first = shop.admin().header("Idempotency-Key", "first-" + UUID.randomUUID());
        Map<String, Object> all = Map.of("reason", "out of stock");

        first.post("/api/v1/admin/orders/" + number + "/refunds", all).expectStatus(200);
        JsonNode refused = awaitRefusals(customer, order, 1);
        assertThat(refused.get("status").asString()).isEqualTo("refunded");
        assertThat(amount(refused.get("refunded"))).isEqualByComparingTo("0.00");
        assertThat(shop.available(variant)).isEqualTo(5);

        unblockRefunds(order);
        first.post("/api/v1/admin/orders/" + number + "/refunds", all).expectStatus(200);
        assertThat(count("select count(*) from order_refunds where order_id = ?", orderId))
                .as("the same key refunds once")
                .isEqualTo(1);
        assertThat(amount(orderOf(customer, order).get("refunded"))).isEqualByComparingTo("0.00");

        shop.admin()
                .header("Idempotency-Key", "second-" + UUID.randomUUID())
                .post("/api/v1/admin/orders/" + number + "/refunds", all)
                .expectStatus(200);
        awaitRefundsSettled(order);
        JsonNode after = orderOf(customer, order);
        assertThat(amount(after.get("refunded"))).isEqualByComparingTo("24.90");
        assertThat(shop.available(variant)).as("the stock went back once").isEqualTo(5);
        assertThat(count("""
                        select coalesce(sum(r.amount_minor), 0) from payment_refunds r
                        join orders o on o.payment_id = r.payment_id where o.id = ? and r.status = 'succeeded'""", orderId)).isEqualTo(2490);
        admin.post("/api/v1/admin/orders/" + number + "/refunds", all).expectStatus(409);
    }

    /** Two operators make a refused full refund again at the same time: it is paid back once. */
    @Test
    void twoOperatorsMakingARefusedRefundAgainAtOncePayItBackOnce() throws Exception {
        Variant variant = shop.product("20.00", 5);
        ApiClient customer = shop.customer();
        JsonNode order = shippedOrder(customer, "DE", null, Map.of(variant, 1));
        String number = order.get("number").asString();
        blockRefunds(order);
        admin.post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "never arrived"))
                .expectStatus(200);
        awaitRefusals(customer, order, 1);
        unblockRefunds(order);

        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ApiClient operator = shop.admin();
            calls.add(() -> {
                start.await();
                return operator.post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "never arrived"))
                        .status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            calls.forEach(call -> answers.add(pool.submit(call)));
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        awaitRefundsSettled(order);
        JsonNode after = orderOf(customer, order);
        assertThat(amount(after.get("refunded"))).isEqualByComparingTo("24.90");
        assertThat(count("""
                        select coalesce(sum(r.amount_minor), 0) from payment_refunds r
                        join orders o on o.payment_id = r.payment_id where o.id = ? and r.status <> 'failed'""", UUID.fromString(order.get("id").asString()))).isEqualTo(2490);
    }

    /** The test provider refuses the shop's refunds as if all was refunded in its dashboard already. */
    private void blockRefunds(JsonNode order) {
        jdbc.sql("update test_payment_intents set amount_refunded = amount where reference = ?")
                .param(order.get("id").asString())
                .update();
    }

    /** The provider takes refunds again: the dashboard's refund was reversed. */
    private void unblockRefunds(JsonNode order) {
        jdbc.sql("update test_payment_intents set amount_refunded = 0 where reference = ?")
                .param(order.get("id").asString())
                .update();
    }

    /** The customer's view of the order once the provider refused that many of its refunds. */
    private JsonNode awaitRefusals(ApiClient customer, JsonNode order, int refusals) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> orderOf(customer, order),
                        seen -> seen.get("history").findValuesAsString("note").stream()
                                        .filter("refund-failed"::equals)
                                        .count()
                                == refusals);
    }

    private long count(String sql, UUID orderId) {
        return jdbc.sql(sql).param(orderId).query(Long.class).single();
    }

    /** An order of these variants and quantities, paid and shipped to that country. */
    private JsonNode shippedOrder(
            ApiClient customer, String country, @Nullable String coupon, Map<Variant, Integer> quantities) {
        String draftId = paidDraft(customer, country, coupon, quantities);
        String number = shop.awaitDraft(customer, draftId, "paid").get("number").asString();
        return admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of())
                .expectStatus(200)
                .json();
    }

    /** A draft of these variants and quantities, shipped to that country, with its payment confirmed. */
    private String paidDraft(
            ApiClient customer, String country, @Nullable String coupon, Map<Variant, Integer> quantities) {
        quantities.forEach((variant, quantity) -> shop.addToCart(customer, variant, quantity));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", Shop.address(country));
        if (coupon != null) {
            body.put("coupon_code", coupon);
        }
        String draftId = customer.post("/api/v1/orders/draft", body)
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        shop.confirm(customer, shop.clientSecret(customer, draftId), Shop.SUCCESS_CARD);
        return draftId;
    }

    /** Asks back units of a line, has the return accepted and answers what that refunded. */
    private BigDecimal returnAndAccept(ApiClient customer, JsonNode order, JsonNode line, int quantity) {
        String number = order.get("number").asString();
        BigDecimal before = amount(orderOf(customer, order).get("refunded"));
        String returnId = customer.post(
                        "/api/v1/orders/" + number + "/returns",
                        Map.of("line_id", line.get("id").asString(), "quantity", quantity, "reason", "too big"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        awaitRefundsSettled(order);
        admin.post("/api/v1/admin/returns/" + returnId + "/accept", Map.of()).expectStatus(200);
        return amount(orderOf(customer, order).get("refunded")).subtract(before);
    }

    /**
     * Until the order's refunds are carried out: while one is in flight the provider's figure may
     * count it already, and the shop refuses what could go beyond the payment (409).
     */
    private void awaitRefundsSettled(JsonNode order) {
        UUID id = UUID.fromString(order.get("id").asString());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("""
                        select count(*) from payment_refunds r
                        join orders o on o.payment_id = r.payment_id where o.id = ? and r.status = 'pending'
                        """).param(id).query(Long.class).single() == 0);
    }

    /** The order's refunded total is what its refunds and its payment's refunds add up to, at most what was paid. */
    private void assertRefundsAgree(JsonNode order) {
        long refunded = minor(order.get("refunded"));
        long total = minor(order.get("totals").get("total"));
        assertThat(refunded).isLessThanOrEqualTo(total);
        UUID id = UUID.fromString(order.get("id").asString());
        assertThat(jdbc.sql("select coalesce(sum(amount_minor), 0) from order_refunds where order_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(refunded);
        assertThat(jdbc.sql("""
                        select coalesce(sum(r.amount_minor), 0) from payment_refunds r
                        join orders o on o.payment_id = r.payment_id where o.id = ?
                        """).param(id).query(Long.class).single()).isEqualTo(refunded);
    }

    private JsonNode orderOf(ApiClient customer, JsonNode order) {
        return customer.get("/api/v1/orders/" + order.get("number").asString())
                .expectStatus(200)
                .json();
    }

    private static JsonNode line(JsonNode order, Variant variant) {
        for (JsonNode line : order.get("lines")) {
            if (line.get("variant_id").asString().equals(variant.id())) {
                return line;
            }
        }
        throw new AssertionError("no line of " + variant.sku() + " in " + order);
    }

    private String coupon(String kind, Object value) {
        String code = ("R" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)).toUpperCase();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("kind", kind);
        if (kind.equals("percent")) {
            body.put("percent", value);
        } else {
            body.put("amount", Map.of("amount", value, "currency", "EUR"));
        }
        admin.post("/api/v1/admin/coupons", body).expectStatus(201);
        return code;
    }

    private static Map<Variant, Integer> orderedMap(Object... variantsAndQuantities) {
        Map<Variant, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < variantsAndQuantities.length; i += 2) {
            map.put((Variant) variantsAndQuantities[i], (Integer) variantsAndQuantities[i + 1]);
        }
        return map;
    }

    private static BigDecimal amount(JsonNode money) {
        return money.get("amount").decimalValue();
    }

    private static long minor(JsonNode money) {
        return amount(money).movePointRight(2).longValueExact();
    }
}

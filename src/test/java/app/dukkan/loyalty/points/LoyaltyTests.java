package app.dukkan.loyalty.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.Money;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DukkanTest
class LoyaltyTests {

    @LocalServerPort
    int port;

    @Autowired
    Points points;

    @Autowired
    JdbcClient jdbc;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    record Bought(ApiClient customer, String number, UUID orderId, long total) {}

    /** A signed-in customer's paid order; {@code total} in whole euros, rounded down. */
    private Bought buy(String price, int quantity) {
        ApiClient customer = shop.customer();
        JsonNode paid = shop.buy(customer, shop.product(price, 10), quantity, null);
        String number = paid.get("number").asString();
        BigDecimal total = customer.get("/api/v1/orders/" + number)
                .expectStatus(200)
                .json()
                .get("totals")
                .get("total")
                .get("amount")
                .decimalValue();
        return new Bought(customer, number, UUID.fromString(paid.get("id").asString()), total.longValue());
    }

    private static JsonNode loyalty(ApiClient customer) {
        return customer.get("/api/v1/me/loyalty").expectStatus(200).json();
    }

    private static JsonNode awaitBalance(ApiClient customer, long balance) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> loyalty(customer), view -> view.get("balance").asLong() == balance);
    }

    @Test
    void aPaidOrderCreditsOnePointPerWholeUnitOnceEvenIfItsJobRunsAgain() {
        Bought order = buy("19.99", 3); // 59.97, free shipping in Germany
        assertThat(order.total()).isEqualTo(59);
        JsonNode view = awaitBalance(order.customer(), 59);

        assertThat(view.get("badge").get("code").asString()).isEqualTo("bronze");
        assertThat(view.get("next_badge").get("code").asString()).isEqualTo("silver");
        assertThat(view.get("next_badge").get("points_to_go").asLong()).isEqualTo(500 - 59);
        JsonNode entry = view.get("history").get("items").get(0);
        assertThat(entry.get("kind").asString()).isEqualTo("credit");
        assertThat(entry.get("points").asLong()).isEqualTo(59);
        assertThat(entry.get("balance_after").asLong()).isEqualTo(59);
        assertThat(entry.get("order_number").asString()).isEqualTo(order.number());
        assertThat(view.get("history").get("total").asLong()).isEqualTo(1);

        points.settle(new Points.Settle(order.orderId(), Points.PAID));
        points.settle(new Points.Settle(order.orderId(), Points.PAID));
        JsonNode again = loyalty(order.customer());
        assertThat(again.get("balance").asLong()).isEqualTo(59);
        assertThat(again.get("history").get("total").asLong()).isEqualTo(1);
    }

    /**
     * An erased customer's orders stay, with the account's id: refunding one afterwards neither
     * credits it again nor rebuilds a ledger for the person.
     */
    @Test
    void aRefundAfterTheCustomersErasureSettlesNothing() {
        Bought order = buy("20.00", 2);
        awaitBalance(order.customer(), order.total());
        JsonNode me = order.customer().get("/api/v1/me").expectStatus(200).json();
        UUID user = UUID.fromString(me.get("id").asString());
        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + order.number() + "/fulfil", Map.of())
                .expectStatus(200);
        String erasure = admin.post(
                        "/api/v1/admin/privacy/erasures",
                        Map.of("email", me.get("email").asString(), "reason", "asked by mail"))
                .expectStatus(202)
                .json()
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/admin/privacy/erasures/" + erasure)
                        .json()
                        .get("status")
                        .asString()
                        .equals("completed"));

        admin.post(
                        "/api/v1/admin/orders/" + order.number() + "/refunds",
                        Map.of("amount", Map.of("amount", "10.00", "currency", "EUR"), "reason", "late"))
                .expectStatus(200);
        points.settle(new Points.Settle(order.orderId(), "refund-1000"));
        points.settle(new Points.Settle(order.orderId(), Points.PAID));

        assertThat(jdbc.sql("select count(*) from loyalty_entries where user_id = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select balance from loyalty_accounts where user_id = ? and erased_at is not null")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void refundsReverseInProportionAndAFullRefundReversesTheRest() {
        Bought order = buy("50.00", 2); // 100.00
        assertThat(order.total()).isEqualTo(100);
        awaitBalance(order.customer(), 100);
        ApiClient admin = shop.admin();

        admin.post(
                        "/api/v1/admin/orders/" + order.number() + "/refunds",
                        Map.of("amount", Map.of("amount", "25.00", "currency", "EUR"), "reason", "scratch"))
                .expectStatus(200);
        JsonNode partly = awaitBalance(order.customer(), 75);
        assertThat(partly.get("history").get("items").get(0).get("kind").asString())
                .isEqualTo("refund");
        assertThat(partly.get("history").get("items").get(0).get("points").asLong())
                .isEqualTo(-25);

        // the same refund's job again changes nothing
        points.settle(new Points.Settle(order.orderId(), "refund-2500"));
        assertThat(loyalty(order.customer()).get("balance").asLong()).isEqualTo(75);

        admin.post(
                        "/api/v1/admin/orders/" + order.number() + "/refunds",
                        Map.of("amount", Map.of("amount", "25.00", "currency", "EUR"), "reason", "another scratch"))
                .expectStatus(200);
        awaitBalance(order.customer(), 50);

        admin.post("/api/v1/admin/orders/" + order.number() + "/refunds", Map.of("reason", "all of it"))
                .expectStatus(200);
        JsonNode none = awaitBalance(order.customer(), 0);
        assertThat(none.get("history").get("total").asLong()).isEqualTo(4);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> loyalty(order.customer()).get("balance").asLong() == 0);
    }

    @Test
    void cancellingAPaidOrderReversesItsCredit() {
        Bought order = buy("30.00", 1); // 30.00 + 4.90 shipping
        assertThat(order.total()).isEqualTo(34);
        awaitBalance(order.customer(), 34);

        shop.admin()
                .post("/api/v1/admin/orders/" + order.number() + "/cancel", Map.of("reason", "customer asked"))
                .expectStatus(200);
        JsonNode view = awaitBalance(order.customer(), 0);
        assertThat(view.get("history").get("items").get(0).get("kind").asString())
                .isEqualTo("cancel");
    }

    @Test
    void aReversalNeverTakesTheBalanceBelowZero() {
        Bought order = buy("40.00", 2); // 80.00
        awaitBalance(order.customer(), 80);
        UUID user = jdbc.sql("select user_id from loyalty_entries where order_id = ?")
                .param(order.orderId())
                .query(UUID.class)
                .single();
        // as if most points had been spent
        jdbc.sql("update loyalty_accounts set balance = 10 where user_id = ?")
                .param(user)
                .update();

        shop.admin()
                .post("/api/v1/admin/orders/" + order.number() + "/refunds", Map.of("reason", "all of it"))
                .expectStatus(200);
        JsonNode view = awaitBalance(order.customer(), 0);
        assertThat(view.get("history").get("items").get(0).get("points").asLong())
                .isEqualTo(-10);
        assertThatThrownBy(() -> jdbc.sql("update loyalty_accounts set balance = -1 where user_id = ?")
                        .param(user)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void guestsEarnNothing() {
        ApiClient guest = shop.guest();
        JsonNode paid = shop.buy(guest, shop.product("20.00", 5), 1, "guest-" + UUID.randomUUID() + "@example.com");
        UUID orderId = UUID.fromString(paid.get("id").asString());
        await().during(Duration.ofMillis(700))
                .atMost(Duration.ofSeconds(3))
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_name = 'loyalty-points'"
                                        + " and task_instance like ?")
                                .param(orderId + "%")
                                .query(Integer.class)
                                .single()
                        == 0);
        points.settle(new Points.Settle(orderId, Points.PAID));
        assertThat(jdbc.sql("select count(*) from loyalty_entries where order_id = ?")
                        .param(orderId)
                        .query(Integer.class)
                        .single())
                .isZero();
        guest.get("/api/v1/me/loyalty").expectStatus(401);
    }

    @Test
    void aNewCustomerHasNoPointsAndTheBronzeBadge() {
        JsonNode view = loyalty(shop.customer());
        assertThat(view.get("balance").asLong()).isZero();
        assertThat(view.get("badge").get("name").asString()).isEqualTo("Bronze");
        assertThat(view.get("next_badge").get("points_to_go").asLong()).isEqualTo(500);
        assertThat(view.get("history").get("items")).isEmpty();
        shop.customer().get("/api/v1/me/loyalty?size=0").expectStatus(400);
    }

    @Test
    void theRuleCountsWholeUnitsOfThePaidTotal() {
        assertThat(points.earnedBy(Money.ofMinor(5997, "EUR"))).isEqualTo(59);
        assertThat(points.earnedBy(Money.ofMinor(99, "EUR"))).isZero();
        assertThat(points.earnedBy(Money.ofMinor(1234, "JPY"))).isEqualTo(1234);
        assertThat(Points.kept(100, Money.ofMinor(10000, "EUR"), Money.ofMinor(2500, "EUR")))
                .isEqualTo(75);
        assertThat(Points.kept(33, Money.ofMinor(3333, "EUR"), Money.ofMinor(1000, "EUR")))
                .isEqualTo(23);
        assertThat(Points.kept(33, Money.ofMinor(3333, "EUR"), Money.ofMinor(3333, "EUR")))
                .isZero();
    }
}

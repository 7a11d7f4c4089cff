package app.dukkan.recommendations.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DukkanTest
class SalesCountsTests {

    @LocalServerPort
    int port;

    @Autowired
    SalesCounts counts;

    @Autowired
    SalesBackfill backfill;

    @Autowired
    JdbcClient jdbc;

    private int together(Shop.Variant a, Shop.Variant b) {
        return jdbc.sql(
                        "select coalesce(sum(orders), 0) from recommendation_pairs where product_id = ? and other_id = ?")
                .params(UUID.fromString(a.productId()), UUID.fromString(b.productId()))
                .query(Integer.class)
                .single();
    }

    private int units(Shop.Variant a) {
        return jdbc.sql("select coalesce(sum(units), 0) from recommendation_sales where product_id = ?")
                .param(UUID.fromString(a.productId()))
                .query(Integer.class)
                .single();
    }

    private void awaitCounts(Shop.Variant a, Shop.Variant b, int orders, int unitsOfA) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> together(a, b) == orders && together(b, a) == orders && units(a) == unitsOfA);
    }

    @Test
    void anOrderCountsOnceHoweverOftenItIsCountedAndACancellationTakesItBack() {
        Shop shop = new Shop(port);
        Shop.Variant mug = shop.product("8.00", 20);
        Shop.Variant saucer = shop.product("4.00", 20);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, saucer, 1);
        JsonNode paid = shop.buy(customer, mug, 3, null);
        UUID orderId = UUID.fromString(paid.get("id").asString());
        awaitCounts(mug, saucer, 1, 3);

        counts.count(new SalesCounts.Count(orderId));
        counts.count(new SalesCounts.Count(orderId));
        assertThat(together(mug, saucer)).isEqualTo(1);
        assertThat(units(mug)).isEqualTo(3);
        assertThat(units(saucer)).isEqualTo(1);

        shop.admin()
                .post("/api/v1/admin/orders/" + paid.get("number").asString() + "/cancel", Map.of("reason", "asked"))
                .expectStatus(200);
        awaitCounts(mug, saucer, 0, 0);
        counts.count(new SalesCounts.Count(orderId));
        assertThat(together(mug, saucer)).isZero();
        assertThat(units(saucer)).isZero();
    }

    @Test
    void theBackfillCountsOrdersPaidBeforeAndChangesNothingForOrdersCountedAlready() {
        Shop shop = new Shop(port);
        Shop.Variant pen = shop.product("2.00", 20);
        Shop.Variant ink = shop.product("3.00", 20);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, ink, 2);
        UUID orderId =
                UUID.fromString(shop.buy(customer, pen, 1, null).get("id").asString());
        awaitCounts(pen, ink, 1, 1);
        // as if the order had been paid before recommendations were counted
        jdbc.sql("delete from recommendation_orders where order_id = ?")
                .param(orderId)
                .update();
        jdbc.sql("delete from recommendation_pairs where product_id = any(?)")
                .param(new UUID[] {UUID.fromString(pen.productId()), UUID.fromString(ink.productId())})
                .update();
        jdbc.sql("delete from recommendation_sales where product_id = any(?)")
                .param(new UUID[] {UUID.fromString(pen.productId()), UUID.fromString(ink.productId())})
                .update();
        jdbc.sql("update recommendation_backfill set after_order = null, finished_at = null")
                .update();

        backfill.run(new SalesBackfill.Start("test"));

        assertThat(together(pen, ink)).isEqualTo(1);
        assertThat(together(ink, pen)).isEqualTo(1);
        assertThat(units(pen)).isEqualTo(1);
        assertThat(units(ink)).isEqualTo(2);
        assertThat(jdbc.sql("select finished_at is not null and after_order is not null from recommendation_backfill")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        backfill.run(new SalesBackfill.Start("test again"));
        assertThat(together(pen, ink)).isEqualTo(1);
        assertThat(units(ink)).isEqualTo(2);
    }
}

package app.dukkan.recommendations.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
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

    @Autowired
    TransactionTemplate transactions;

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

    @Test
    void aCountThatWaitsForAnotherReadsTheOrderOnlyOnceItHoldsTheOrdersRow() throws Exception {
        Shop shop = new Shop(port);
        Shop.Variant lamp = shop.product("8.00", 20);
        Shop.Variant shade = shop.product("4.00", 20);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, shade, 1);
        UUID orderId =
                UUID.fromString(shop.buy(customer, lamp, 2, null).get("id").asString());
        awaitCounts(lamp, shade, 1, 2);

        // a second count of the payment, started while the cancellation's count had not committed
        whileACancellationIsCounted(orderId, () -> counts.count(new SalesCounts.Count(orderId)));

        assertThat(together(lamp, shade)).isZero();
        assertThat(units(lamp)).isZero();
        assertThat(units(shade)).isZero();
    }

    @Test
    void theBackfillWaitingForACountReadsTheOrderOnlyOnceItHoldsTheOrdersRow() throws Exception {
        Shop shop = new Shop(port);
        Shop.Variant kettle = shop.product("30.00", 20);
        Shop.Variant filter = shop.product("3.00", 20);
        ApiClient customer = shop.customer();
        shop.addToCart(customer, filter, 4);
        UUID orderId =
                UUID.fromString(shop.buy(customer, kettle, 1, null).get("id").asString());
        awaitCounts(kettle, filter, 1, 1);
        // the backfill starts just before this order
        jdbc.sql("""
                        update recommendation_backfill set finished_at = null, after_order = (
                            select id from orders where id < ? and paid_at is not null order by id desc limit 1)""").param(orderId).update();

        whileACancellationIsCounted(orderId, () -> backfill.run(new SalesBackfill.Start("test")));

        assertThat(together(kettle, filter)).isZero();
        assertThat(units(kettle)).isZero();
        assertThat(units(filter)).isZero();
    }

    /**
     * Runs the late count while another transaction has cancelled the order and counted that, and
     * lets that one commit only once the late count waits for the order's row: a refund's count
     * overtaking the payment's, in this order every time.
     */
    private void whileACancellationIsCounted(UUID orderId, Runnable late) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try {
            Future<?> cancellation = threads.submit(() -> transactions.executeWithoutResult(status -> {
                jdbc.sql("update orders set status = 'cancelled' where id = ?")
                        .param(orderId)
                        .update();
                counts.count(new SalesCounts.Count(orderId));
                counted.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(counted.await(20, TimeUnit.SECONDS)).isTrue();
            Future<?> waiting = threads.submit(late);
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(this::aCountWaitsForARow);
            commit.countDown();
            cancellation.get(20, TimeUnit.SECONDS);
            waiting.get(20, TimeUnit.SECONDS);
        } finally {
            commit.countDown();
            threads.shutdown();
        }
    }

    private boolean aCountWaitsForARow() {
        return jdbc.sql("""
                        select exists (select 1 from pg_stat_activity
                                       where datname = current_database() and wait_event_type = 'Lock'
                                         and query like '%recommendation_orders%')""").query(Boolean.class).single();
    }
}

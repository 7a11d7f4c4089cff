package app.dukkan.recommendations.sales;

import app.dukkan.orders.Purchases;
import app.dukkan.orders.Purchases.Item;
import app.dukkan.orders.Purchases.Purchase;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.RetryPolicy;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the counts recommendations read in step with paid orders. Each order's contribution (its
 * products and the units of each that still count) is stored with it; counting an order again
 * takes the stored contribution back and adds the current one under a lock of the order's row, so
 * a job that runs twice, refunds counted out of order and the backfill meeting an event change
 * nothing more. The order is read only once its row is locked: a count that read it earlier could
 * otherwise write back, after a later count of a refund, the contribution the refund took away. A cancelled or fully refunded order contributes nothing; returned units are taken
 * off (a refund of money alone leaves the goods with the customer and changes nothing), and the
 * order stays "bought together" while any two of its products still count.
 */
@Component
class SalesCounts {

    /** Counts one order again after it was paid, refunded or cancelled. */
    static final JobType<Count> COUNT = new JobType<>(
            "recommendations-count", Count.class, JobQueue.BULK, RetryPolicy.exponential(8, Duration.ofSeconds(10)));

    record Count(UUID orderId) {}

    /** What an order adds to the counts: distinct products in id order, with their units. */
    record Contribution(LocalDate paidOn, UUID[] products, Integer[] units) {

        static Contribution of(Purchase purchase) {
            List<Item> items = purchase.items().stream()
                    .sorted(Comparator.comparing(Item::productId))
                    .toList();
            return new Contribution(
                    LocalDate.ofInstant(purchase.paidAt(), ZoneOffset.UTC),
                    items.stream().map(Item::productId).toArray(UUID[]::new),
                    items.stream().map(Item::units).toArray(Integer[]::new));
        }

        boolean sameAs(Contribution other) {
            return paidOn.equals(other.paidOn)
                    && Arrays.equals(products, other.products)
                    && Arrays.equals(units, other.units);
        }

        boolean pairs() {
            return products.length > 1;
        }
    }

    private final Purchases purchases;
    private final JdbcClient jdbc;

    SalesCounts(Purchases purchases, JdbcClient jdbc) {
        this.purchases = purchases;
        this.jdbc = jdbc;
    }

    @Transactional
    void count(Count job) {
        countAll(List.of(job.orderId()));
    }

    /** Counts orders in one transaction (the backfill's chunks). */
    @Transactional
    void countAll(List<UUID> orderIds) {
        Map<UUID, Contribution> counted = lock(orderIds);
        Set<UUID> absent = new HashSet<>(counted.keySet());
        for (Purchase purchase : purchases.purchases(orderIds)) {
            absent.remove(purchase.orderId());
            count(purchase, counted.get(purchase.orderId()));
        }
        if (!absent.isEmpty()) {
            // no placed order (unknown or a draft): nothing to count, and no row left behind
            jdbc.sql("delete from recommendation_orders where order_id = any(?) and cardinality(products) = 0")
                    .param(absent.toArray(UUID[]::new))
                    .update();
        }
    }

    /**
     * Locks the orders' rows, made empty (a contribution of nothing) where missing, in id order so
     * that counts of overlapping orders wait rather than deadlock; their stored contributions.
     */
    private Map<UUID, Contribution> lock(List<UUID> orderIds) {
        UUID[] ids = orderIds.toArray(UUID[]::new);
        jdbc.sql("""
                        insert into recommendation_orders (order_id, paid_on, products, units)
                        select id, current_date, '{}', '{}' from unnest(cast(? as uuid[])) as o (id)
                        order by id
                        on conflict (order_id) do nothing""").param(ids).update();
        Map<UUID, Contribution> counted = new HashMap<>();
        jdbc.sql("""
                        select order_id, paid_on, products, units from recommendation_orders
                        where order_id = any(?)
                        order by order_id
                        for update""").param(ids).query(rs -> {
            counted.put(
                    rs.getObject("order_id", UUID.class),
                    new Contribution(
                            rs.getDate("paid_on").toLocalDate(),
                            (UUID[]) rs.getArray("products").getArray(),
                            (Integer[]) rs.getArray("units").getArray()));
        });
        return counted;
    }

    private void count(Purchase purchase, Contribution before) {
        Contribution now = Contribution.of(purchase);
        if (before.sameAs(now)) {
            return;
        }
        if (before.pairs()) {
            jdbc.sql("""
                            update recommendation_pairs set orders = orders - 1
                            where product_id = any(:products) and other_id = any(:products) and product_id <> other_id""").param("products", before.products()).update();
        }
        if (before.products().length > 0) {
            jdbc.sql("""
                            update recommendation_sales s set units = s.units - c.units
                            from unnest(cast(:products as uuid[]), cast(:units as int[])) as c (product_id, units)
                            where s.day = :day and s.product_id = c.product_id""")
                    .param("products", before.products())
                    .param("units", before.units())
                    .param("day", Date.valueOf(before.paidOn()))
                    .update();
        }
        if (now.pairs()) {
            // in key order, so that concurrent counts of orders sharing products wait rather than deadlock
            jdbc.sql("""
                            insert into recommendation_pairs (product_id, other_id, orders)
                            select a, b, 1 from unnest(cast(:products as uuid[])) a, unnest(cast(:products as uuid[])) b
                            where a <> b
                            order by a, b
                            on conflict (product_id, other_id) do update set orders = recommendation_pairs.orders + 1""").param("products", now.products()).update();
        }
        if (now.products().length > 0) {
            jdbc.sql("""
                            insert into recommendation_sales (day, product_id, units)
                            select :day, c.product_id, c.units
                            from unnest(cast(:products as uuid[]), cast(:units as int[])) as c (product_id, units)
                            order by c.product_id
                            on conflict (day, product_id) do update set units = recommendation_sales.units + excluded.units""")
                    .param("products", now.products())
                    .param("units", now.units())
                    .param("day", Date.valueOf(now.paidOn()))
                    .update();
        }
        jdbc.sql("update recommendation_orders set paid_on = ?, products = ?, units = ? where order_id = ?")
                .params(Date.valueOf(now.paidOn()), now.products(), now.units(), purchase.orderId())
                .update();
    }
}

package app.dukkan.orders.lifecycle;

import app.dukkan.identity.UserId;
import app.dukkan.orders.Purchases;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads placed orders' products in two indexed statements per call, whatever the number of orders. */
@Component
class JdbcPurchases implements Purchases {

    private final JdbcClient jdbc;

    JdbcPurchases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Purchase> purchases(Collection<UUID> orderIds) {
        return purchasesOf(
                jdbc.sql("select id, paid_at, status from orders where id = any(?) and paid_at is not null order by id")
                        .param(orderIds.toArray(UUID[]::new)));
    }

    @Override
    public List<Purchase> purchases(@Nullable UUID after, int limit) {
        return purchasesOf(jdbc.sql("""
                        select id, paid_at, status from orders
                        where paid_at is not null and (cast(:after as uuid) is null or id > :after)
                        order by id
                        limit :limit""").param("after", after).param("limit", limit));
    }

    @Override
    public boolean hasBought(UserId customer, UUID productId) {
        // the customer's placed orders (orders_customer_idx), then their lines (order_lines_order_idx)
        return Boolean.TRUE.equals(jdbc.sql("""
                        select exists (
                            select 1 from order_lines l join orders o on o.id = l.order_id
                            where o.customer_id = ? and o.number is not null and l.product_id = ?
                              and o.status in ('paid', 'fulfilled') and l.quantity > l.refunded_quantity)""")
                .params(customer.value(), productId)
                .query(Boolean.class)
                .single());
    }

    private List<Purchase> purchasesOf(JdbcClient.StatementSpec orders) {
        record Placed(UUID id, Timestamp paidAt, boolean counts) {}
        List<Placed> placed = orders.query((rs, row) -> new Placed(
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("paid_at"),
                        switch (rs.getString("status")) {
                            case "paid", "fulfilled" -> true;
                            default -> false;
                        }))
                .list();
        if (placed.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Item>> items = new LinkedHashMap<>();
        jdbc.sql("""
                        select order_id, product_id, sum(quantity - refunded_quantity)::int as units
                        from order_lines
                        where order_id = any(?)
                        group by order_id, product_id
                        having sum(quantity - refunded_quantity) > 0
                        order by order_id, product_id""")
                .param(placed.stream().filter(Placed::counts).map(Placed::id).toArray(UUID[]::new))
                .query(rs -> {
                    items.computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>())
                            .add(new Item(rs.getObject("product_id", UUID.class), rs.getInt("units")));
                });
        return placed.stream()
                .map(order -> new Purchase(
                        order.id(), order.paidAt().toInstant(), List.copyOf(items.getOrDefault(order.id(), List.of()))))
                .toList();
    }
}

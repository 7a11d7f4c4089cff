package app.dukkan.orders.lifecycle;

import app.dukkan.orders.ShippedOrders;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link ShippedOrders} by {@code orders_fulfilled_idx}. */
@Repository
class JdbcShippedOrders implements ShippedOrders {

    private final JdbcClient jdbc;

    JdbcShippedOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Shipped> between(Instant from, Instant to) {
        return jdbc.sql("""
                        select number, email, phone, address ->> 'name' as name, tracking ->> 'carrier' as carrier,
                               tracking ->> 'tracking_number' as tracking_number, fulfilled_at
                        from orders
                        where fulfilled_at >= ? and fulfilled_at < ? and number is not null
                        order by fulfilled_at, id limit ?""")
                .params(Timestamp.from(from), Timestamp.from(to), MAX)
                .query((rs, n) -> new Shipped(
                        rs.getString("number"),
                        rs.getString("email"),
                        rs.getString("phone"),
                        rs.getString("name"),
                        rs.getString("carrier"),
                        rs.getString("tracking_number"),
                        rs.getTimestamp("fulfilled_at").toInstant()))
                .list();
    }
}

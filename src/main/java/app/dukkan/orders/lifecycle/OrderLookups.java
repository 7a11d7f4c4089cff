package app.dukkan.orders.lifecycle;

import app.dukkan.orders.OrderLookup;
import app.dukkan.orders.OrderStatus;
import app.dukkan.platform.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link OrderLookup} with one statement per call, over the primary key. */
@Repository
@Transactional(readOnly = true)
class OrderLookups implements OrderLookup {

    private static final String COLUMNS = "id, number, email, status, currency, total_minor, paid_at";

    private final JdbcClient jdbc;

    OrderLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, Row> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        if (ids.size() > MAX_ROWS) {
            throw new IllegalArgumentException("At most " + MAX_ROWS + " orders at once");
        }
        Map<UUID, Row> found = new LinkedHashMap<>();
        jdbc.sql("select " + COLUMNS + " from orders where id = any(:ids) and number is not null")
                .param("ids", ids.toArray(UUID[]::new))
                .query(OrderLookups::row)
                .list()
                .forEach(row -> found.put(row.id(), row));
        return found;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp paidAt = rs.getTimestamp("paid_at");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("number"),
                rs.getString("email"),
                OrderStatus.fromCode(rs.getString("status")),
                Money.ofMinor(rs.getLong("total_minor"), rs.getString("currency")),
                paidAt == null ? null : paidAt.toInstant());
    }
}

package app.dukkan.orders.lifecycle;

import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderLine;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Return requests for lines of shipped orders. */
@Repository
class Returns {

    record ReturnView(
            UUID id,
            String orderNumber,
            UUID lineId,
            String sku,
            int quantity,
            String reason,
            String status,
            @Nullable String note,
            Instant createdAt,
            @Nullable Instant decidedAt) {}

    record Stored(UUID id, UUID orderId, UUID lineId, int quantity, String status) {}

    private static final String VIEW = """
            select r.id, o.number, r.line_id, l.sku, r.quantity, r.reason, r.status, r.note, r.created_at, r.decided_at
            from order_returns r join orders o on o.id = r.order_id join order_lines l on l.id = r.line_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    Returns(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a request; the order must be shipped and the line must have that many units not
     * already asked back. The caller holds the order's lock, so two requests cannot both pass.
     */
    ReturnView request(Order order, UUID lineId, int quantity, String reason) {
        if (order.status() != OrderStatus.FULFILLED) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "return-not-possible",
                    "Return not possible",
                    "Only shipped orders can be returned; order " + order.number() + " is "
                            + order.status().code(),
                    List.of());
        }
        OrderLine line = order.lines().stream()
                .filter(l -> l.id().equals(lineId))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalid("line_id", "not a line of order " + order.number()));
        int asked = jdbc.sql(
                        "select coalesce(sum(quantity), 0) from order_returns where line_id = ? and status <> 'rejected'")
                .param(lineId)
                .query(Integer.class)
                .single();
        if (quantity > line.quantity() - asked) {
            throw ProblemException.conflict(
                    "quantity", (line.quantity() - asked) + " unit(s) of this line can still be returned");
        }
        UUID id = Ids.newId(clock);
        jdbc.sql("""
                        insert into order_returns (id, order_id, line_id, quantity, reason, status, created_at)
                        values (?, ?, ?, ?, ?, 'requested', ?)
                        """)
                .params(id, order.id(), lineId, quantity, reason, Timestamp.from(clock.instant()))
                .update();
        return find(id).orElseThrow();
    }

    Optional<ReturnView> find(UUID id) {
        return jdbc.sql(VIEW + " where r.id = ?").param(id).query(this::view).optional();
    }

    /** Locks the return so that it is decided once. */
    Optional<Stored> lock(UUID id) {
        return jdbc.sql("select id, order_id, line_id, quantity, status from order_returns where id = ? for update")
                .param(id)
                .query((rs, n) -> new Stored(
                        rs.getObject("id", UUID.class),
                        rs.getObject("order_id", UUID.class),
                        rs.getObject("line_id", UUID.class),
                        rs.getInt("quantity"),
                        rs.getString("status")))
                .optional();
    }

    void decide(UUID id, String status, @Nullable String note, @Nullable UUID actor, @Nullable UUID refundId) {
        jdbc.sql("""
                        update order_returns set status = ?, note = ?, decided_by = ?, refund_id = ?, decided_at = ?
                        where id = ?
                        """)
                .params(status, note, actor, refundId, Timestamp.from(clock.instant()), id)
                .update();
    }

    List<ReturnView> ofOrder(UUID orderId) {
        return jdbc.sql(VIEW + " where r.order_id = ? order by r.created_at")
                .param(orderId)
                .query(this::view)
                .list();
    }

    List<ReturnView> waiting(int page, int size) {
        return jdbc.sql(VIEW + " where r.status = 'requested' order by r.created_at limit ? offset ?")
                .params(size, (long) page * size)
                .query(this::view)
                .list();
    }

    private ReturnView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new ReturnView(
                rs.getObject("id", UUID.class),
                rs.getString("number"),
                rs.getObject("line_id", UUID.class),
                rs.getString("sku"),
                rs.getInt("quantity"),
                rs.getString("reason"),
                rs.getString("status"),
                rs.getString("note"),
                rs.getTimestamp("created_at").toInstant(),
                decided == null ? null : decided.toInstant());
    }
}

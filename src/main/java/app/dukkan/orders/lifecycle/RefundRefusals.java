package app.dukkan.orders.lifecycle;

import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.domain.Order;
import app.dukkan.platform.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The refunds of orders that the payment provider refused for good ({@code order_refund_refusals}).
 * A refused refund no longer counts as refunded, so its money can be refunded again; a refund
 * recorded after the refusal pays it back, oldest refused money first. A retry that is refused as
 * well pays the earlier refusal back all the same and stands as a refusal of its own, so the refused
 * money shown never adds up the same money twice.
 */
@Component
class RefundRefusals {

    private final JdbcClient jdbc;

    RefundRefusals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the refusal of a payment refund: false when it was recorded already (a repeated announcement). */
    boolean record(Order order, UUID paymentRefund, Money amount, String reason, Instant now) {
        return jdbc.sql("""
                                insert into order_refund_refusals (payment_refund, order_id, amount_minor, reason,
                                                                   refused_at)
                                values (?, ?, ?, ?, ?)
                                on conflict (payment_refund) do nothing""")
                        .params(paymentRefund, order.id(), amount.minor(), reason, Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * What of a refused refund the order counted as refunded: all of it when the order recorded it
     * (an operator's refund, a cancel, a return); else (the refund of a payment that came too late)
     * the order counted it only if the provider's running total reported it, so at most what its
     * refunded total holds beyond the refunds it recorded and still counts.
     */
    Money counted(Order order, UUID paymentRefund, Money amount) {
        Long recorded = jdbc.sql("select amount_minor from order_refunds where order_id = ? and payment_refund = ?")
                .params(order.id(), paymentRefund)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (recorded != null) {
            return Money.ofMinor(recorded, order.currency());
        }
        long own = jdbc.sql("""
                        select coalesce(sum(r.amount_minor), 0) from order_refunds r
                        where r.order_id = ?
                          and not exists (select 1 from order_refund_refusals f where f.payment_refund = r.payment_refund)
                        """).param(order.id()).query(Long.class).single();
        long reported = Math.max(0, order.refunded().minor() - own);
        return Money.ofMinor(Math.min(amount.minor(), reported), order.currency());
    }

    /**
     * The refused money of the order not paid back yet, one amount per refusal, oldest first: each
     * refund recorded after a refusal pays back the refused money left, oldest first.
     */
    List<Money> unpaid(Order order) {
        record Step(Instant at, boolean refusal, long minor) {}
        List<Step> steps = jdbc.sql("""
                        select refused_at as at, true as refusal, amount_minor from order_refund_refusals
                        where order_id = :id
                        union all
                        select created_at, false, amount_minor from order_refunds where order_id = :id
                        order by at, refusal desc""")
                .param("id", order.id())
                .query((rs, n) -> new Step(
                        rs.getTimestamp("at").toInstant(), rs.getBoolean("refusal"), rs.getLong("amount_minor")))
                .list();
        List<long[]> open = new ArrayList<>();
        for (Step step : steps) {
            if (step.refusal()) {
                open.add(new long[] {step.minor()});
                continue;
            }
            long left = step.minor();
            for (long[] refused : open) {
                long paid = Math.min(left, refused[0]);
                refused[0] -= paid;
                left -= paid;
            }
        }
        return open.stream()
                .filter(refused -> refused[0] > 0)
                .map(refused -> Money.ofMinor(refused[0], order.currency()))
                .toList();
    }

    /**
     * What the order may still refund: all that is left while it is paid or shipped; once refunded
     * or cancelled only refused money not paid back yet (never more than is left), since nothing
     * else of a closed order is owed to its customer.
     */
    Money refundable(Order order) {
        if (order.status() == OrderStatus.PAID || order.status() == OrderStatus.FULFILLED) {
            return order.refundable();
        }
        long unpaid = unpaid(order).stream().mapToLong(Money::minor).sum();
        return Money.ofMinor(Math.min(unpaid, order.refundable().minor()), order.currency());
    }
}

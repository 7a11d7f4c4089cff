package app.dukkan.loyalty.points;

import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.Ids;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Money;
import app.dukkan.platform.RetryPolicy;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settles an order's points: the credit when it is paid, reversals when money goes back. Every run
 * brings the order's points to what its current state earns, under a lock on the customer's
 * account, so a job that runs twice, or refunds settled out of order, change nothing more.
 *
 * <p>Rule: an order earns {@code floor(total) × points-per-unit} once. After refunds it keeps
 * {@code floor(credit × (total − refunded) / total)}; a cancelled order keeps nothing. A reversal
 * never takes the balance below zero.
 */
@Component
class Points {

    static final String PAID = "paid";
    static final String CANCEL = "cancel";

    /** Settles one order's points after the event named by {@code cause}. */
    static final JobType<Settle> SETTLE = new JobType<>(
            "loyalty-points", Settle.class, JobQueue.DEFAULT, RetryPolicy.exponential(8, Duration.ofSeconds(10)));

    /** @param cause {@code paid}, {@code refund-<refunded minor units so far>} or {@code cancel} */
    record Settle(UUID orderId, String cause) {}

    private final OrderDirectory orders;
    private final JdbcClient jdbc;
    private final LoyaltyProperties properties;
    private final Clock clock;

    Points(OrderDirectory orders, JdbcClient jdbc, LoyaltyProperties properties, Clock clock) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The points an order of this total earns. */
    long earnedBy(Money total) {
        long units = total.minor()
                / BigInteger.TEN.pow(Money.fractionDigits(total.currency())).longValueExact();
        return Math.multiplyExact(units, (long) properties.pointsPerUnit());
    }

    @Transactional
    void settle(Settle job) {
        OrderSummary order = orders.find(job.orderId())
                .orElseThrow(() -> new IllegalStateException("no placed order " + job.orderId()));
        if (order.customer() == null) {
            return; // guests earn nothing
        }
        UUID user = order.customer().value();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into loyalty_accounts (user_id, balance, created_at, updated_at) values (?, 0, ?, ?)
                        on conflict (user_id) do nothing
                        """).params(user, Timestamp.from(now), Timestamp.from(now)).update();
        Long found = jdbc.sql("select balance from loyalty_accounts where user_id = ? and erased_at is null for update")
                .param(user)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (found == null) {
            return; // the person was erased: their orders earn and lose nothing any more
        }
        long balance = found;
        boolean cancelled = order.status() == OrderStatus.CANCELLED;

        Optional<Long> credit = jdbc.sql("select points from loyalty_entries where order_id = ? and kind = 'credit'")
                .param(order.id())
                .query(Long.class)
                .optional();
        long credited;
        if (credit.isPresent()) {
            credited = credit.get();
        } else if (cancelled || order.paidAt() == null) {
            return; // never earned (e.g. cancelled for lack of stock before it was credited)
        } else {
            credited = earnedBy(order.total());
            if (credited == 0) {
                return;
            }
            balance = add(user, order, "credit", PAID, credited, balance, now);
        }

        long reversed = -jdbc.sql(
                        "select coalesce(sum(points), 0) from loyalty_entries where order_id = ? and kind <> 'credit'")
                .param(order.id())
                .query(Long.class)
                .single();
        long keep = cancelled ? 0 : kept(credited, order.total(), order.refunded());
        long due = Math.min(credited - reversed - keep, balance);
        if (due > 0) {
            String cause = job.cause().equals(PAID) ? "paid-adjustment" : job.cause();
            add(user, order, cancelled ? "cancel" : "refund", cause, -due, balance, now);
        }
    }

    /** What an order keeps of its credit after refunds: in proportion to the money it kept, rounded down. */
    static long kept(long credited, Money total, Money refunded) {
        if (total.minor() <= 0 || refunded.minor() >= total.minor()) {
            return 0;
        }
        return BigInteger.valueOf(credited)
                .multiply(BigInteger.valueOf(total.minor() - refunded.minor()))
                .divide(BigInteger.valueOf(total.minor()))
                .longValueExact();
    }

    private long add(UUID user, OrderSummary order, String kind, String cause, long points, long balance, Instant now) {
        long after = balance + points;
        int inserted = jdbc.sql("""
                        insert into loyalty_entries (id, user_id, order_id, order_number, kind, cause, points,
                            balance_after, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing
                        """)
                .params(
                        Ids.newId(clock),
                        user,
                        order.id(),
                        order.number(),
                        kind,
                        cause,
                        points,
                        after,
                        Timestamp.from(now))
                .update();
        if (inserted == 0) {
            return balance; // this cause was settled already
        }
        jdbc.sql("update loyalty_accounts set balance = ?, updated_at = ? where user_id = ?")
                .params(after, Timestamp.from(now), user)
                .update();
        return after;
    }
}

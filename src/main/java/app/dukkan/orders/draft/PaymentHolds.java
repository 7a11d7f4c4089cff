package app.dukkan.orders.draft;

import app.dukkan.catalog.Stock;
import app.dukkan.checkout.Coupons;
import app.dukkan.orders.domain.Order;
import app.dukkan.platform.ProblemException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a started payment holds: the draft's stock and its coupon's use, until one expiry. One hold
 * per revision of a draft, never extended or renewed (a new hold needs a changed draft); a draft
 * takes at most {@code holdsPerDraft} holds per {@code holdsPerDraftWindow}, and one client address
 * has at most {@code holdsPerClient} running at once, so nobody keeps stock from others for long.
 * Every method joins the caller's transaction, which has the order's row locked.
 */
@Component
@EnableConfigurationProperties(OrdersProperties.class)
class PaymentHolds {

    private final JdbcClient jdbc;
    private final Stock stock;
    private final Coupons coupons;
    private final OrdersProperties properties;
    private final Clock clock;

    PaymentHolds(JdbcClient jdbc, Stock stock, Coupons coupons, OrdersProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.stock = stock;
        this.coupons = coupons;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether the order's current revision took its hold already (running or expired). */
    boolean taken(Order order) {
        return jdbc.sql("select exists(select 1 from payment_holds where order_id = ? and revision = ?)")
                .params(order.id(), order.revision())
                .query(Boolean.class)
                .single();
    }

    /**
     * Holds the order's stock and coupon use for its current revision: all or nothing.
     *
     * @return until when
     * @throws ProblemException {@code hold-limit-reached} (409), {@code too-many-holds} (429),
     *     {@code out-of-stock} or {@code coupon-unavailable} (409)
     */
    Instant take(Order order, String customerKey, String client) {
        Instant now = clock.instant();
        checkLimits(order, client, now);
        // what PostgreSQL stores, so a repeated call answers the same instant
        Instant until = now.plus(properties.reservationTtl()).truncatedTo(ChronoUnit.MICROS);
        // stock before the coupon: paying orders lock them in this order too
        stock.reserve(order.id().toString(), order.quantities(), until);
        if (order.couponCode() != null) {
            coupons.hold(order.couponCode(), order.id(), customerKey, until);
        }
        jdbc.sql("""
                        insert into payment_holds (order_id, revision, client, expires_at, created_at)
                        values (?, ?, ?, ?, ?)""")
                .params(order.id(), order.revision(), client, Timestamp.from(until), Timestamp.from(now))
                .update();
        return until;
    }

    /** Gives back what the order's started payment holds (its content changed or the payment failed). */
    void release(Order order) {
        stock.release(order.id().toString());
        coupons.release(order.id());
    }

    /** Gives back a hold whose payment could not be created: it does not count against any limit. */
    void undo(Order order) {
        release(order);
        jdbc.sql("delete from payment_holds where order_id = ? and revision = ?")
                .params(order.id(), order.revision())
                .update();
    }

    private void checkLimits(Order order, String client, Instant now) {
        Instant since = now.minus(properties.holdsPerDraftWindow());
        Instant firstInWindow = jdbc.sql("""
                        select min(created_at) from payment_holds
                        where order_id = ? and created_at > ?
                        having count(*) >= ?""")
                .params(order.id(), Timestamp.from(since), properties.holdsPerDraft())
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
        if (firstInWindow != null) {
            throw ProblemException.temporary(
                    HttpStatus.CONFLICT,
                    "hold-limit-reached",
                    "Too many payment starts for this draft",
                    "This draft held its stock for " + properties.holdsPerDraft() + " payments in "
                            + properties.holdsPerDraftWindow().toHours() + " hours without being paid;"
                            + " it can be held again later",
                    retryAfter(now, firstInWindow.plus(properties.holdsPerDraftWindow())));
        }
        // running: taken by the order's current revision while it awaits payment, and not expired
        Instant firstToEnd = jdbc.sql("""
                        select min(h.expires_at) from payment_holds h
                        join orders o on o.id = h.order_id and o.revision = h.revision and o.status = 'awaiting_payment'
                        where h.client = ? and h.expires_at > ? and h.order_id <> ?
                        having count(*) >= ?""")
                .params(client, Timestamp.from(now), order.id(), properties.holdsPerClient())
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
        if (firstToEnd != null) {
            throw ProblemException.temporary(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-holds",
                    "Too many payments started",
                    "Payments started from this address hold stock for " + properties.holdsPerClient()
                            + " orders already; pay or wait for one of them",
                    retryAfter(now, firstToEnd));
        }
    }

    private static Duration retryAfter(Instant now, Instant when) {
        return Duration.ofSeconds(Math.max(1, Duration.between(now, when).toSeconds() + 1));
    }
}

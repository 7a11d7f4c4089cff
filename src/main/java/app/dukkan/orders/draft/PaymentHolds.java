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
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
public class PaymentHolds {

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
        // what PostgreSQL stores, so a repeated call answers the same instant
        Instant until = now.plus(properties.reservationTtl()).truncatedTo(ChronoUnit.MICROS);
        // both limits and the hold's row in one round trip: the row is written only within the
        // limits, and a refusal of stock or coupon below rolls it back with everything else
        Limits limits = jdbc.sql("""
                        with limits as (
                            select (select min(created_at) from payment_holds
                                    where order_id = :order and created_at > :since
                                    having count(*) >= :perDraft) as draft_full_since,
                                   -- running: taken by a draft's current revision while it awaits payment
                                   (select min(h.expires_at) from payment_holds h
                                    join orders o on o.id = h.order_id and o.revision = h.revision
                                                 and o.status = 'awaiting_payment'
                                    where h.client = :client and h.expires_at > :now and h.order_id <> :order
                                    having count(*) >= :perClient) as client_full_until
                        ), hold as (
                            insert into payment_holds (order_id, revision, client, expires_at, created_at)
                            select :order, :revision, :client, :until, :now from limits
                            where draft_full_since is null and client_full_until is null
                        )
                        select draft_full_since, client_full_until from limits""")
                .param("order", order.id())
                .param("revision", order.revision())
                .param("client", client)
                .param("since", Timestamp.from(now.minus(properties.holdsPerDraftWindow())))
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(until))
                .param("perDraft", properties.holdsPerDraft())
                .param("perClient", properties.holdsPerClient())
                .query(Limits.class)
                .single();
        if (limits.draftFullSince() != null) {
            throw ProblemException.temporary(
                    HttpStatus.CONFLICT,
                    "hold-limit-reached",
                    "Too many payment starts for this draft",
                    "This draft held its stock for " + properties.holdsPerDraft() + " payments in "
                            + properties.holdsPerDraftWindow().toHours() + " hours without being paid;"
                            + " it can be held again later",
                    retryAfter(now, limits.draftFullSince().toInstant().plus(properties.holdsPerDraftWindow())));
        }
        if (limits.clientFullUntil() != null) {
            throw ProblemException.temporary(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-holds",
                    "Too many payments started",
                    "Payments started from this address hold stock for " + properties.holdsPerClient()
                            + " orders already; pay or wait for one of them",
                    retryAfter(now, limits.clientFullUntil().toInstant()));
        }
        // stock before the coupon: paying orders lock them in this order too
        stock.reserve(order.id().toString(), order.quantities(), until);
        if (order.couponCode() != null) {
            coupons.hold(order.couponCode(), order.id(), customerKey, until);
        }
        return until;
    }

    /** Gives back what the order's started payment holds (its content changed or the payment failed). */
    void release(Order order) {
        stock.release(order.id().toString());
        coupons.release(order.id());
    }

    /**
     * Forgets the holds of an order that was paid (or cancelled for its payment): it never takes a
     * hold again, and the per-client count then reads only the client's holds of unpaid drafts
     * instead of every hold its address took within the reservation time.
     */
    public void settled(UUID orderId) {
        jdbc.sql("delete from payment_holds where order_id = ?").params(orderId).update();
    }

    /** Gives back a hold whose payment could not be created: it does not count against any limit. */
    void undo(Order order) {
        release(order);
        jdbc.sql("delete from payment_holds where order_id = ? and revision = ?")
                .params(order.id(), order.revision())
                .update();
    }

    /** Since when a draft's holds are at the limit, until when a client's are; null when below it. */
    private record Limits(
            @Nullable Timestamp draftFullSince, @Nullable Timestamp clientFullUntil) {}

    private static Duration retryAfter(Instant now, Instant when) {
        return Duration.ofSeconds(Math.max(1, Duration.between(now, when).toSeconds() + 1));
    }
}

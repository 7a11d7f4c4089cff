package app.dukkan.orders.draft;

import app.dukkan.catalog.Stock;
import app.dukkan.checkout.Carts;
import app.dukkan.checkout.Coupons;
import app.dukkan.identity.UserId;
import app.dukkan.orders.OrderPaid;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.figures.SalesCounting;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a draft becomes an order, whether a payment settled it or it had nothing to pay: the stock
 * its hold reserved taken with a conditional update, the coupon's use counted, then the sale
 * counted, the ordered units taken out of the cart and {@link OrderPaid} announced. Both steps join
 * the caller's transaction, which has the order's row locked.
 */
@Component
public class Placements {

    private final OrderRepository orders;
    private final Stock stock;
    private final Coupons coupons;
    private final PaymentHolds holds;
    private final Carts carts;
    private final SalesCounting sales;
    private final ApplicationEventPublisher events;

    Placements(
            OrderRepository orders,
            Stock stock,
            Coupons coupons,
            PaymentHolds holds,
            Carts carts,
            SalesCounting sales,
            ApplicationEventPublisher events) {
        this.orders = orders;
        this.stock = stock;
        this.coupons = coupons;
        this.holds = holds;
        this.carts = carts;
        this.sales = sales;
        this.events = events;
    }

    /**
     * Takes the order's stock and coupon use for good. When either is gone (a payment that came
     * after its hold expired, and others bought meanwhile) nothing is taken and the answer is why:
     * {@link Order#STOCK_SHORTAGE} or {@link Order#COUPON_USED_UP}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<String> take(Order order) {
        String key = order.id().toString();
        holds.settled(order.id());
        if (!stock.commit(key, order.quantities())) {
            stock.release(key);
            coupons.release(order.id());
            return Optional.of(Order.STOCK_SHORTAGE);
        }
        if (order.couponCode() != null && !coupons.redeem(order.couponCode(), order.id(), order.customerKey())) {
            stock.restore(order.quantities());
            return Optional.of(Order.COUPON_USED_UP);
        }
        return Optional.empty();
    }

    /** Saves the order placed after {@link #take} and announces it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void placed(Order order, String note, Instant now) {
        orders.save(order, new OrderRepository.Note(note, null, now));
        sales.paid(order, now);
        if (order.cartId() != null) {
            carts.removeOrdered(order.cartId(), order.quantities());
        }
        events.publishEvent(new OrderPaid(
                order.id(),
                Objects.requireNonNull(order.number()),
                order.customerId() == null ? null : new UserId(order.customerId()),
                order.email(),
                order.totals().total()));
    }
}

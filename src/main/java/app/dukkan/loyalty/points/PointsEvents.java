package app.dukkan.loyalty.points;

import app.dukkan.orders.OrderCancelled;
import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderPaid;
import app.dukkan.orders.OrderRefunded;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.Jobs;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Schedules the settling of an order's points in the transaction that paid, refunded or cancelled
 * it. Guests' orders earn nothing and schedule nothing.
 */
@Component
class PointsEvents {

    private final Jobs jobs;
    private final OrderDirectory orders;

    PointsEvents(Jobs jobs, OrderDirectory orders) {
        this.jobs = jobs;
        this.orders = orders;
    }

    @EventListener
    void on(OrderPaid paid) {
        if (paid.customer() != null) {
            settle(paid.orderId(), Points.PAID);
        }
    }

    @EventListener
    void on(OrderRefunded refunded) {
        // the order as this transaction changed it: the refunded sum so far names this refund
        orders.find(refunded.orderId())
                .filter(order -> order.customer() != null)
                .ifPresent(
                        order -> settle(order.id(), "refund-" + order.refunded().minor()));
    }

    @EventListener
    void on(OrderCancelled cancelled) {
        orders.find(cancelled.orderId())
                .map(OrderSummary::customer)
                .ifPresent(customer -> settle(cancelled.orderId(), Points.CANCEL));
    }

    private void settle(UUID orderId, String cause) {
        jobs.schedule(Points.SETTLE, orderId + ":" + cause, new Points.Settle(orderId, cause));
    }
}

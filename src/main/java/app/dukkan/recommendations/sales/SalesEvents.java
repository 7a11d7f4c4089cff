package app.dukkan.recommendations.sales;

import app.dukkan.orders.OrderCancelled;
import app.dukkan.orders.OrderPaid;
import app.dukkan.orders.OrderRefunded;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Jobs;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Schedules the counting of an order in the transaction that paid, refunded or cancelled it: one
 * row for the job table, nothing read. Every event gets a job of its own (a job that already runs
 * may have read the order before this change).
 */
@Component
class SalesEvents {

    private final Jobs jobs;
    private final Clock clock;

    SalesEvents(Jobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @EventListener
    void on(OrderPaid paid) {
        count(paid.orderId());
    }

    @EventListener
    void on(OrderRefunded refunded) {
        count(refunded.orderId());
    }

    @EventListener
    void on(OrderCancelled cancelled) {
        count(cancelled.orderId());
    }

    private void count(UUID orderId) {
        jobs.schedule(SalesCounts.COUNT, orderId + ":" + Ids.newId(clock), new SalesCounts.Count(orderId));
    }
}

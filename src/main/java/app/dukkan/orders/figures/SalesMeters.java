package app.dukkan.orders.figures;

import app.dukkan.orders.OrderPaid;
import app.dukkan.orders.OrderRefunded;
import app.dukkan.payments.PaymentDisputeClosed;
import app.dukkan.payments.PaymentDisputed;
import app.dukkan.platform.ShopMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Started checkouts, paid orders, revenue, refunds and disputes as metrics, counted only once the transaction
 * that made them commits (and not when the savepoint a payment event is processed under rolls
 * back). An order is paid, and a refund counted, once: redelivered payment events
 * find the order paid or the refund known and publish nothing again (PaymentOutcomes).
 */
@Component
class SalesMeters {

    private final MeterRegistry meters;
    private final Counter checkouts;
    private final Counter paid;

    SalesMeters(MeterRegistry meters) {
        this.meters = meters;
        this.checkouts = ShopMeters.funnel(meters, ShopMeters.Stage.CHECKOUT);
        this.paid = ShopMeters.funnel(meters, ShopMeters.Stage.PAID);
        // from 0, so that an alert on their increase sees the first dispute after a start
        for (String outcome : new String[] {"opened", "won", "lost"}) {
            disputes(outcome);
        }
    }

    /** A draft was created in the caller's transaction. */
    void checkoutStarted() {
        ShopMeters.afterCommit(checkouts::increment);
    }

    @EventListener
    void on(OrderPaid order) {
        Counter revenue = Counter.builder("dukkan.revenue")
                .description("paid order totals, in major units of the currency")
                .tag("currency", order.total().currency())
                .register(meters);
        double amount = order.total().amount().doubleValue();
        ShopMeters.afterCommit(() -> {
            paid.increment();
            revenue.increment(amount);
        });
    }

    @EventListener
    void on(OrderRefunded refund) {
        Counter refunds = Counter.builder("dukkan.refunds")
                .description("refunds issued")
                .tag("currency", refund.amount().currency())
                .register(meters);
        Counter refunded = Counter.builder("dukkan.refunded.amount")
                .description("money refunded, in major units of the currency")
                .tag("currency", refund.amount().currency())
                .register(meters);
        double amount = refund.amount().amount().doubleValue();
        ShopMeters.afterCommit(() -> {
            refunds.increment();
            refunded.increment(amount);
        });
    }

    /** Chargebacks opened, and their outcomes: {@code dukkan_payment_disputes_total{outcome}}. */
    @EventListener
    void on(PaymentDisputed disputed) {
        countDispute("opened");
    }

    @EventListener
    void on(PaymentDisputeClosed closed) {
        countDispute(closed.won() ? "won" : "lost");
    }

    private void countDispute(String outcome) {
        ShopMeters.afterCommit(disputes(outcome)::increment);
    }

    private Counter disputes(String outcome) {
        return Counter.builder("dukkan.payment.disputes")
                .description("payment disputes (chargebacks) opened, won and lost")
                .tag("outcome", outcome)
                .register(meters);
    }
}

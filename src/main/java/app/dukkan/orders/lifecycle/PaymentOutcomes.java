package app.dukkan.orders.lifecycle;

import app.dukkan.catalog.Stock;
import app.dukkan.orders.OrderCancelled;
import app.dukkan.orders.OrderRefundFailed;
import app.dukkan.orders.OrderRefunded;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.draft.DraftPurge;
import app.dukkan.orders.draft.Placements;
import app.dukkan.orders.figures.SalesCounting;
import app.dukkan.payments.PaymentDisputeClosed;
import app.dukkan.payments.PaymentDisputed;
import app.dukkan.payments.PaymentFailed;
import app.dukkan.payments.PaymentRefundRefused;
import app.dukkan.payments.PaymentRefunded;
import app.dukkan.payments.PaymentRequiresAction;
import app.dukkan.payments.PaymentSucceeded;
import app.dukkan.payments.Payments;
import app.dukkan.platform.Money;
import app.dukkan.platform.TextInput;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reacts to payment events inside the transaction that processes them, so an order's finalization
 * commits together with the payment's new state or not at all (and is then retried). The order row
 * is locked first; every reaction checks the state it finds, so a repeated or concurrent event
 * changes nothing the second time.
 */
@Component
class PaymentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PaymentOutcomes.class);

    /** How the history note of a refused refund begins, for operators: its amount follows, then the provider's reason. */
    static final String REFUND_REFUSED = "refund refused by the provider: ";

    private final OrderRepository orders;
    private final Stock stock;
    private final Placements placements;
    private final DraftPurge drafts;
    private final Payments payments;
    private final ApplicationEventPublisher events;
    private final SalesCounting sales;
    private final JdbcClient jdbc;
    private final RefundRefusals refusals;
    private final Clock clock;

    PaymentOutcomes(
            OrderRepository orders,
            Stock stock,
            Placements placements,
            DraftPurge drafts,
            Payments payments,
            ApplicationEventPublisher events,
            SalesCounting sales,
            JdbcClient jdbc,
            RefundRefusals refusals,
            Clock clock) {
        this.orders = orders;
        this.stock = stock;
        this.placements = placements;
        this.drafts = drafts;
        this.payments = payments;
        this.events = events;
        this.sales = sales;
        this.jdbc = jdbc;
        this.refusals = refusals;
        this.clock = clock;
    }

    /**
     * Creates the order from its draft exactly once: stock taken with a conditional update, the
     * coupon's use counted, the ordered units taken out of the cart. If the stock is gone, or the
     * coupon used up (the hold expired and others bought it meanwhile), the order is cancelled and
     * the payment refunded: never oversold, never a coupon past its limits.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PaymentSucceeded payment) {
        Optional<Order> found = lock(payment.reference());
        if (found.isEmpty()) {
            if (purgedWithPayment(payment.reference())) {
                // its draft was abandoned and purged: the payment pays for nothing
                log.warn(
                        "Payment {} succeeded for purged draft {}; refunding it",
                        payment.paymentId(),
                        payment.reference());
                refundSuperseded(payment);
                return;
            }
            log.warn("Payment {} succeeded for unknown order reference {}", payment.paymentId(), payment.reference());
            return;
        }
        Order order = found.get();
        if (payment.paymentId().equals(order.paymentId()) && order.status().isPlaced()) {
            return; // already finalized by this payment
        }
        Instant now = clock.instant();
        if (!order.isPaidBy(payment.paymentId(), payment.amount(), payment.idempotencyKey())) {
            // an intent of an earlier content of the draft, or a second payment of a paid order
            log.warn(
                    "Payment {} does not pay order {} as it stands ({}); refunding it",
                    payment.paymentId(),
                    order.id(),
                    order.status().code());
            refundSuperseded(payment);
            return;
        }
        String number = orders.nextNumber();
        Optional<String> refused = placements.take(order);
        if (refused.isPresent()) {
            refuse(order, number, payment, refused.get());
            return;
        }
        order.markPaid(number, payment.paymentId(), payment.providerPaymentId(), now);
        placements.placed(order, "paid via " + payment.provider(), now);
    }

    /** Refunds in full a payment that pays for no order as it stands. */
    private void refundSuperseded(PaymentSucceeded payment) {
        payments.refund(payment.paymentId(), payment.amount(), "superseded", "superseded-" + payment.paymentId());
    }

    /** Cancels the order its payment arrived for too late, and refunds that payment in full. */
    private void refuse(Order order, String number, PaymentSucceeded payment, String reason) {
        Instant now = clock.instant();
        order.cancelUnpayable(number, payment.paymentId(), payment.providerPaymentId(), reason, now);
        String note = reason.equals(Order.STOCK_SHORTAGE)
                ? "paid, but stock ran out: refunding"
                : "paid late, and the coupon was used up: refunding";
        orders.save(order, new OrderRepository.Note(note, null, now));
        payments.refund(payment.paymentId(), payment.amount(), reason, reason + "-" + order.id());
        events.publishEvent(new OrderCancelled(order.id(), number, order.email(), reason, payment.amount()));
    }

    /**
     * The customer may try again with another card on the same payment, as the providers allow (a
     * declined Stripe intent waits for another payment method): the order keeps awaiting it, with its
     * stock and coupon held until the hold runs out. Moving it back to a draft made the retry on the
     * page still open pay an intent no order wanted any more, charged and refunded at once.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PaymentFailed payment) {
        lock(payment.reference())
                .filter(order -> order.status() == OrderStatus.AWAITING_PAYMENT)
                .filter(order -> order.paymentId() == null || order.paymentId().equals(payment.paymentId()))
                .ifPresent(order -> {
                    Instant now = clock.instant();
                    order.paymentFailed(now);
                    orders.save(order, new OrderRepository.Note("payment failed: " + payment.reason(), null, now));
                });
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PaymentRequiresAction payment) {
        lock(payment.reference())
                .filter(order -> order.paymentId() == null || order.paymentId().equals(payment.paymentId()))
                .ifPresent(order -> {
                    order.requireAction(clock.instant());
                    orders.save(order);
                });
    }

    /**
     * A refund the provider refused for good no longer counts as refunded: its money can be
     * refunded again (RefundRefusals), though the order keeps its state, its refunded units and its
     * restocked stock. Its history says that the money did not go back, and the customer who was told
     * of the refund is told that it failed. A refusal announced again changes nothing: it is
     * recorded once per refund.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PaymentRefundRefused refused) {
        lock(refused.reference())
                .filter(order -> refused.paymentId().equals(order.paymentId()))
                .ifPresent(order -> {
                    Instant now = clock.instant();
                    Money counted = refusals.counted(order, refused.refundId(), refused.amount());
                    if (!refusals.record(
                            order, refused.refundId(), refused.amount(), TextInput.clip(refused.reason(), 500), now)) {
                        return;
                    }
                    order.refundRefused(counted, now);
                    orders.save(
                            order,
                            new OrderRepository.Note(
                                    REFUND_REFUSED + refused.amount() + ": " + refused.reason() + " (refund "
                                            + refused.refundId() + ")",
                                    null,
                                    now));
                    if (announced(order, refused.refundId())) {
                        events.publishEvent(new OrderRefundFailed(
                                order.id(), order.number(), order.email(), refused.refundId(), refused.amount()));
                    }
                });
    }

    /**
     * Whether the customer was told of this refund, and so must be told that it failed: a refund or
     * an accepted return (the refund mail) and a cancellation's refund (the cancellation mail says
     * what it pays back, so a refusal breaks that promise just the same) are recorded with the
     * payment's refund; so is none of a payment that arrived too late, but the cancellation mail of
     * such an order announced the refund of all of it. A superseded payment's refund was never
     * announced (and pays for no order, so it does not get here).
     */
    private boolean announced(Order order, UUID refundId) {
        boolean recorded = jdbc.sql("select count(*) from order_refunds where order_id = ? and payment_refund = ?")
                        .params(order.id(), refundId)
                        .query(Long.class)
                        .single()
                > 0;
        return recorded || (order.status() == OrderStatus.CANCELLED && order.customerCancelReason() != null);
    }

    /**
     * A chargeback: the order's history says so for operators (not for the customer, who started it
     * with their bank), with the amount held, the bank's reason and when evidence is due, so that
     * nobody ships an unshipped order before looking. Its answer goes through the provider's dashboard.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PaymentDisputed disputed) {
        lock(disputed.reference())
                .filter(order -> disputed.paymentId().equals(order.paymentId()))
                .ifPresent(order -> orders.history(
                        order.id(),
                        order.status(),
                        "dispute opened: " + disputed.amount() + " held, reason " + disputed.reason()
                                + (disputed.dueBy() == null ? "" : ", evidence due by " + disputed.dueBy()),
                        null,
                        clock.instant()));
    }

    /**
     * The dispute's end in the order's history. A lost one took the money back through the bank: it
     * counts as money returned to the customer, like a refund (points, figures and receipt follow),
     * though no refund mail goes out, since the bank told the customer.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PaymentDisputeClosed closed) {
        lock(closed.reference())
                .filter(order -> closed.paymentId().equals(order.paymentId()))
                .ifPresent(order -> {
                    if (closed.won()) {
                        orders.history(
                                order.id(),
                                order.status(),
                                "dispute won: " + closed.amount() + " stays with the shop",
                                null,
                                clock.instant());
                    } else {
                        countReturned(
                                order,
                                closed.returnedTotal(),
                                "dispute lost: " + closed.amount() + " went back to the customer's bank",
                                true);
                    }
                });
    }

    /**
     * Refunds are counted from the provider's running total, so a refund made in the provider's
     * dashboard counts too, and a repeated report counts once.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PaymentRefunded refund) {
        lock(refund.reference())
                .filter(order -> refund.paymentId().equals(order.paymentId()))
                .ifPresent(order ->
                        countReturned(order, refund.refundedTotal(), "refund confirmed: " + refund.amount(), false));
    }

    /**
     * Counts what went back to the customer up to {@code returnedTotal}, with a line of history. All
     * of it returned makes the order {@code refunded}; units of an order that was never shipped go
     * back on hand.
     */
    private void countReturned(Order order, Money returnedTotal, String note, boolean chargeback) {
        Instant now = clock.instant();
        OrderStatus before = order.status();
        long refundedBefore = order.refunded().minor();
        if (!order.refundedTotalReported(returnedTotal, now)) {
            if (chargeback) {
                orders.history(order.id(), order.status(), note, null, now);
            }
            return;
        }
        orders.save(order, new OrderRepository.Note(note, null, now));
        if (before == OrderStatus.PAID && order.status() == OrderStatus.REFUNDED) {
            stock.restore(order.quantities());
        }
        if (before != OrderStatus.CANCELLED) {
            Money amount = Money.ofMinor(order.refunded().minor() - refundedBefore, order.currency());
            sales.refunded(order, amount, now);
            events.publishEvent(new OrderRefunded(
                    order.id(),
                    order.number(),
                    order.email(),
                    amount,
                    order.status() == OrderStatus.REFUNDED,
                    chargeback));
        }
    }

    private boolean purgedWithPayment(String reference) {
        try {
            return drafts.purgedWithPayment(UUID.fromString(reference));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<Order> lock(String reference) {
        UUID id;
        try {
            id = UUID.fromString(reference);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return orders.lock(id);
    }
}

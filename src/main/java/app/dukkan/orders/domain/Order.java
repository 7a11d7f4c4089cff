package app.dukkan.orders.domain;

import app.dukkan.checkout.Address;
import app.dukkan.checkout.Coupons;
import app.dukkan.orders.CheckoutStep;
import app.dukkan.orders.OrderStatus;
import app.dukkan.payments.PaymentStatus;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * An order from its draft on. Every change of state goes through a method here that checks the
 * state machine; {@link OrderRepository#save} writes the result.
 */
public final class Order {

    /** Cancel reasons of orders paid after their hold expired, which customers are shown. */
    public static final String STOCK_SHORTAGE = "stock_shortage";

    /** The coupon could no longer be used: used up, or ended or switched off meanwhile. */
    public static final String COUPON_USED_UP = "coupon_used_up";

    private final UUID id;
    private @Nullable String number;
    private OrderStatus status;
    private @Nullable PaymentStatus paymentStatus;
    private @Nullable UUID customerId;
    private @Nullable UUID cartId;
    private String email;
    private Address address;
    private String shippingCode;
    private String shippingName;
    private @Nullable String couponCode;
    private final String currency;
    private Totals totals;
    private Money refunded;
    private int revision;
    private @Nullable UUID paymentId;
    private @Nullable String providerPaymentId;
    private @Nullable Instant reservedUntil;
    private @Nullable String cancelReason;
    private @Nullable Map<String, Object> tracking;
    private final Instant createdAt;
    private Instant updatedAt;
    private @Nullable Instant paidAt;
    private @Nullable Instant fulfilledAt;
    private @Nullable Instant closedAt;
    private List<OrderLine> lines;
    private boolean linesChanged;
    private boolean refundedUnitsChanged;
    private CheckoutStep checkoutStep = CheckoutStep.SHIPPING;

    @SuppressWarnings("ParameterNumber")
    Order(
            UUID id,
            @Nullable String number,
            OrderStatus status,
            @Nullable PaymentStatus paymentStatus,
            @Nullable UUID customerId,
            @Nullable UUID cartId,
            String email,
            Address address,
            String shippingCode,
            String shippingName,
            @Nullable String couponCode,
            String currency,
            Totals totals,
            Money refunded,
            int revision,
            @Nullable UUID paymentId,
            @Nullable String providerPaymentId,
            @Nullable Instant reservedUntil,
            @Nullable String cancelReason,
            @Nullable Map<String, Object> tracking,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant paidAt,
            @Nullable Instant fulfilledAt,
            @Nullable Instant closedAt,
            List<OrderLine> lines,
            boolean linesChanged) {
        this.id = id;
        this.number = number;
        this.status = status;
        this.paymentStatus = paymentStatus;
        this.customerId = customerId;
        this.cartId = cartId;
        this.email = email;
        this.address = address;
        this.shippingCode = shippingCode;
        this.shippingName = shippingName;
        this.couponCode = couponCode;
        this.currency = currency;
        this.totals = totals;
        this.refunded = refunded;
        this.revision = revision;
        this.paymentId = paymentId;
        this.providerPaymentId = providerPaymentId;
        this.reservedUntil = reservedUntil;
        this.cancelReason = cancelReason;
        this.tracking = tracking;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.paidAt = paidAt;
        this.fulfilledAt = fulfilledAt;
        this.closedAt = closedAt;
        this.lines = List.copyOf(lines);
        this.linesChanged = linesChanged;
    }

    /** A new draft; its content comes from {@link #revise}. */
    public static Order draft(
            UUID id,
            @Nullable UUID customerId,
            @Nullable UUID cartId,
            String email,
            Address address,
            String currency,
            DraftContent content,
            Instant now) {
        return new Order(
                id,
                null,
                OrderStatus.DRAFT,
                null,
                customerId,
                cartId,
                email,
                address,
                content.shippingCode(),
                content.shippingName(),
                content.couponCode(),
                currency,
                content.totals(),
                Money.ofMinor(0, currency),
                1,
                null,
                null,
                null,
                null,
                null,
                now,
                now,
                null,
                null,
                null,
                content.lines(),
                true);
    }

    /**
     * Applies a new content to a draft. Returns false and changes nothing when it is the same as
     * before, so repeating a request is harmless. A draft waiting for its payment goes back to
     * {@code draft}: its reservation and payment intent belong to the old content.
     */
    public boolean revise(String newEmail, Address newAddress, DraftContent content, Instant now) {
        requireDraft();
        DraftContent current = new DraftContent(lines, shippingCode, shippingName, couponCode, totals);
        if (current.equals(content) && email.equals(newEmail) && address.equals(newAddress)) {
            return false;
        }
        email = newEmail;
        address = newAddress;
        linesChanged |= !lines.equals(content.lines());
        lines = List.copyOf(content.lines());
        shippingCode = content.shippingCode();
        shippingName = content.shippingName();
        couponCode = content.couponCode();
        totals = content.totals();
        revision++;
        if (status == OrderStatus.AWAITING_PAYMENT) {
            backToDraft(now);
        }
        if (checkoutStep == CheckoutStep.PAYMENT) {
            // the payment belonged to the old content: the new one needs confirming on the review step first
            checkoutStep = CheckoutStep.REVIEW;
        }
        updatedAt = now;
        return true;
    }

    /**
     * Hands a guest's draft to the customer who signed in during its checkout: theirs to see, change
     * and pay from now on, as the draft of their cart (which took the guest cart's lines), or of no
     * cart ({@code null}) when it yields to the draft their cart has.
     */
    public void handOver(UUID newCustomerId, @Nullable UUID newCartId, Instant now) {
        requireDraft();
        customerId = newCustomerId;
        cartId = newCartId;
        updatedAt = now;
    }

    /** The payment of the current revision starts: stock is held until {@code until}. */
    public void awaitPayment(Instant until, Instant now) {
        requireDraft();
        if (status == OrderStatus.DRAFT) {
            status.requireMoveTo(OrderStatus.AWAITING_PAYMENT);
            status = OrderStatus.AWAITING_PAYMENT;
            paymentStatus = PaymentStatus.PROCESSING;
            paymentId = null;
            providerPaymentId = null;
        }
        reservedUntil = until;
        updatedAt = now;
    }

    /** The payment's start was abandoned or the content changed: back to an editable draft. */
    public void backToDraft(Instant now) {
        status.requireMoveTo(OrderStatus.DRAFT);
        status = OrderStatus.DRAFT;
        paymentStatus = null;
        paymentId = null;
        providerPaymentId = null;
        reservedUntil = null;
        updatedAt = now;
    }

    /** The payment's last attempt was declined; the same payment may be tried again. */
    public void paymentFailed(Instant now) {
        if (status == OrderStatus.AWAITING_PAYMENT) {
            paymentStatus = PaymentStatus.FAILED;
            updatedAt = now;
        }
    }

    public void requireAction(Instant now) {
        if (status == OrderStatus.AWAITING_PAYMENT) {
            paymentStatus = PaymentStatus.REQUIRES_ACTION;
            updatedAt = now;
        }
    }

    /**
     * The idempotency key of the payment of one content (revision) of the draft: a repeated start
     * gets the same intent back, and a success names the content it paid.
     */
    public static String intentKey(UUID orderId, int revision) {
        return "order-" + orderId + "-r" + revision;
    }

    /**
     * Whether a succeeded payment pays this order as it stands: the one attached to it, or, while none
     * is (the intent was created but attaching it did not complete yet), one made for this content
     * of the draft, not an earlier one of the same amount paid from an old tab.
     */
    public boolean isPaidBy(UUID succeededPaymentId, Money amount, String succeededIntentKey) {
        if (status != OrderStatus.AWAITING_PAYMENT || !amount.equals(totals.total())) {
            return false;
        }
        return paymentId == null
                ? succeededIntentKey.equals(intentKey(id, revision))
                : paymentId.equals(succeededPaymentId);
    }

    public void markPaid(String newNumber, UUID paidBy, String paidByProviderId, Instant now) {
        place(newNumber, now);
        paymentStatus = PaymentStatus.SUCCEEDED;
        paymentId = paidBy;
        providerPaymentId = paidByProviderId;
    }

    /**
     * Places an order that has nothing to pay (a coupon took the whole total, shipping was free): it
     * has no payment, so nothing can be refunded either; what it owed is settled all the same.
     */
    public void placeWithoutPayment(String newNumber, Instant now) {
        if (!free()) {
            throw new IllegalStateException("order " + id + " has " + totals.total() + " to pay");
        }
        place(newNumber, now);
        paymentStatus = PaymentStatus.SUCCEEDED;
    }

    private void place(String newNumber, Instant now) {
        status.requireMoveTo(OrderStatus.PAID);
        number = newNumber;
        status = OrderStatus.PAID;
        reservedUntil = null;
        paidAt = now;
        updatedAt = now;
    }

    /** Whether the stock of the order's started payment is still held for it at {@code now}. */
    public boolean holdsReservation(Instant now) {
        return status == OrderStatus.AWAITING_PAYMENT && reservedUntil != null && reservedUntil.isAfter(now);
    }

    /** Whether the order costs nothing, so that it is placed without a payment. */
    public boolean free() {
        return totals.total().minor() == 0;
    }

    /** Paid after its hold expired, when the stock or the coupon it held went to others meanwhile. */
    public void cancelUnpayable(String newNumber, UUID paidBy, String paidByProviderId, String reason, Instant now) {
        markPaid(newNumber, paidBy, paidByProviderId, now);
        cancel(reason, now);
    }

    public void fulfil(@Nullable Map<String, Object> newTracking, Instant now) {
        status.requireMoveTo(OrderStatus.FULFILLED);
        status = OrderStatus.FULFILLED;
        tracking = newTracking;
        fulfilledAt = now;
        updatedAt = now;
    }

    public void cancel(String reason, Instant now) {
        status.requireMoveTo(OrderStatus.CANCELLED);
        status = OrderStatus.CANCELLED;
        cancelReason = reason;
        closedAt = now;
        updatedAt = now;
    }

    /** What is left to refund: none once more went back (a dispute lost after a refund). */
    public Money refundable() {
        return Money.ofMinor(Math.max(0, totals.total().minor() - refunded.minor()), currency);
    }

    /**
     * Counts a refund; all of the rest makes the order {@code refunded} (a cancelled order stays
     * cancelled).
     *
     * @return true when the order is now refunded in full
     */
    public boolean recordRefund(Money amount, Instant now) {
        refunded = Money.ofMinor(refunded.minor() + amount.minor(), currency);
        updatedAt = now;
        boolean full = refunded.minor() >= totals.total().minor();
        if (full && status != OrderStatus.CANCELLED && status != OrderStatus.REFUNDED) {
            status.requireMoveTo(OrderStatus.REFUNDED);
            status = OrderStatus.REFUNDED;
            closedAt = now;
        }
        return full;
    }

    /**
     * A counted refund the provider refused for good: its money did not go back, so it is left to
     * refund again. The state stays (a refunded or cancelled order has no way back; its stock and
     * units are not undone).
     */
    public void refundRefused(Money counted, Instant now) {
        refunded = Money.ofMinor(Math.max(0, refunded.minor() - counted.minor()), currency);
        updatedAt = now;
    }

    /** A refund reported by the provider (possibly started outside the shop) with its running total. */
    public boolean refundedTotalReported(Money refundedTotal, Instant now) {
        if (refundedTotal.minor() <= refunded.minor()) {
            return false;
        }
        recordRefund(Money.ofMinor(refundedTotal.minor() - refunded.minor(), currency), now);
        return true;
    }

    /**
     * Pays back units of lines (line id → units): answers what was paid for them (see {@link
     * OrderLine#valueOfNextUnits}), with the shipping when they are the order's last units not yet
     * refunded, but never more than is left to refund, and what each line's units were worth. The
     * units count as refunded either way.
     *
     * @throws ProblemException 400 naming {@code lines} for a line of another order, 409 when fewer
     *     of a line's units are left to refund
     */
    public RefundedUnits refundUnits(Map<UUID, Integer> units) {
        Priced priced = priced(units);
        lines = priced.lines();
        refundedUnitsChanged = true;
        return priced.refund();
    }

    /**
     * The units of a returned line that accepting the return pays back: those an operator refunded
     * already come back without a second refund; none when all of them were.
     */
    public Map<UUID, Integer> returnedUnitsToRefund(UUID lineId, int quantity) {
        return lines.stream()
                .filter(line -> line.id().equals(lineId))
                .findFirst()
                .map(line -> Math.min(quantity, line.quantity() - line.refundedQuantity()))
                .filter(unpaid -> unpaid > 0)
                .map(unpaid -> Map.of(lineId, unpaid))
                .orElse(Map.of());
    }

    /** What accepting a return of units of a line would pay back, as {@link #refundUnits} would; changes nothing. */
    public Money returnRefund(UUID lineId, int quantity) {
        Map<UUID, Integer> units = returnedUnitsToRefund(lineId, quantity);
        return units.isEmpty()
                ? Money.ofMinor(0, currency)
                : priced(units).refund().amount();
    }

    /** A refund of units and the lines as it leaves them. */
    private record Priced(RefundedUnits refund, List<OrderLine> lines) {}

    private Priced priced(Map<UUID, Integer> units) {
        long value = 0;
        Map<UUID, Money> byLine = new LinkedHashMap<>();
        List<OrderLine> updated = new ArrayList<>(lines.size());
        for (OrderLine line : lines) {
            int count = units.getOrDefault(line.id(), 0);
            if (count > line.quantity() - line.refundedQuantity()) {
                throw ProblemException.conflict(
                        "lines",
                        (line.quantity() - line.refundedQuantity()) + " unit(s) of " + line.sku()
                                + " are left to refund");
            }
            if (count > 0) {
                Money worth = line.valueOfNextUnits(count);
                value += worth.minor();
                byLine.put(line.id(), worth);
                line = line.withUnitsRefunded(count);
            }
            updated.add(line);
        }
        units.keySet().stream()
                .filter(id -> lines.stream().noneMatch(line -> line.id().equals(id)))
                .findFirst()
                .ifPresent(id -> {
                    throw ProblemException.invalid("lines", id + " is not a line of order " + number);
                });
        if (updated.stream().allMatch(line -> line.refundedQuantity() == line.quantity())) {
            value += shippingPaid();
        }
        return new Priced(
                new RefundedUnits(Money.ofMinor(Math.min(value, refundable().minor()), currency), byLine),
                List.copyOf(updated));
    }

    /** What the shipping cost with its tax: the part of the total that is not in the lines. */
    private long shippingPaid() {
        return totals.total().minor()
                - lines.stream().mapToLong(l -> l.paidTotal().minor()).sum();
    }

    /** Who uses a coupon when no payment start said so: the order's email. */
    public String customerKey() {
        return Coupons.customerKey(email);
    }

    /** How many units of each variant the order takes. */
    public Map<UUID, Integer> quantities() {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        lines.forEach(line -> quantities.merge(line.variantId(), line.quantity(), Integer::sum));
        return quantities;
    }

    /**
     * Records how far the checkout pages got with the draft: {@code SHIPPING}, {@code REVIEW} or
     * {@code PAYMENT}.
     */
    public void checkoutReached(CheckoutStep step) {
        requireDraft();
        if (step == CheckoutStep.DONE) {
            throw new IllegalArgumentException("a draft is done when it is paid");
        }
        checkoutStep = step;
    }

    /**
     * How far the checkout got: {@code DONE} once the order is placed, {@code PAYMENT} while a
     * payment is awaited (or after one failed), else the step the pages recorded.
     */
    public CheckoutStep checkoutStep() {
        if (status.isPlaced()) {
            return CheckoutStep.DONE;
        }
        return status == OrderStatus.AWAITING_PAYMENT ? CheckoutStep.PAYMENT : checkoutStep;
    }

    /** The step as stored: a placed order keeps the one its draft had. */
    CheckoutStep storedCheckoutStep() {
        return checkoutStep;
    }

    Order withCheckoutStep(CheckoutStep stored) {
        checkoutStep = stored;
        return this;
    }

    Order withLines(List<OrderLine> loaded) {
        lines = List.copyOf(loaded);
        return this;
    }

    /** Whether the lines differ from what was loaded, so saving must write them. */
    boolean linesChanged() {
        return linesChanged;
    }

    /** Whether units of placed lines were refunded since loading, so saving must count them. */
    boolean refundedUnitsChanged() {
        return refundedUnitsChanged;
    }

    private void requireDraft() {
        if (status != OrderStatus.DRAFT && status != OrderStatus.AWAITING_PAYMENT) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "order-already-placed",
                    "Order already placed",
                    "This draft became order " + number + "; start a new checkout from the cart",
                    List.of());
        }
    }

    public UUID id() {
        return id;
    }

    public @Nullable String number() {
        return number;
    }

    public OrderStatus status() {
        return status;
    }

    public @Nullable PaymentStatus paymentStatus() {
        return paymentStatus;
    }

    public @Nullable UUID customerId() {
        return customerId;
    }

    public @Nullable UUID cartId() {
        return cartId;
    }

    public String email() {
        return email;
    }

    public Address address() {
        return address;
    }

    public String shippingCode() {
        return shippingCode;
    }

    public String shippingName() {
        return shippingName;
    }

    public @Nullable String couponCode() {
        return couponCode;
    }

    public String currency() {
        return currency;
    }

    public Totals totals() {
        return totals;
    }

    public Money refunded() {
        return refunded;
    }

    public int revision() {
        return revision;
    }

    public @Nullable UUID paymentId() {
        return paymentId;
    }

    public @Nullable String providerPaymentId() {
        return providerPaymentId;
    }

    public @Nullable Instant reservedUntil() {
        return reservedUntil;
    }

    public @Nullable String cancelReason() {
        return cancelReason;
    }

    /**
     * The cancel reason its customer is shown: the shop's own when the order was paid too late
     * ({@link #STOCK_SHORTAGE}, {@link #COUPON_USED_UP}); an operator's reason is the operators'.
     */
    public @Nullable String customerCancelReason() {
        return STOCK_SHORTAGE.equals(cancelReason) || COUPON_USED_UP.equals(cancelReason) ? cancelReason : null;
    }

    public @Nullable Map<String, Object> tracking() {
        return tracking;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public @Nullable Instant paidAt() {
        return paidAt;
    }

    public @Nullable Instant fulfilledAt() {
        return fulfilledAt;
    }

    public @Nullable Instant closedAt() {
        return closedAt;
    }

    public List<OrderLine> lines() {
        return lines;
    }
}

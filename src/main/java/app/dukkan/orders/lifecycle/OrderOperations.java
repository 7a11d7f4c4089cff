package app.dukkan.orders.lifecycle;

import app.dukkan.catalog.Stock;
import app.dukkan.checkout.Coupons;
import app.dukkan.orders.OrderCancelled;
import app.dukkan.orders.OrderFulfilled;
import app.dukkan.orders.OrderRefunded;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderLine;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.domain.RefundedUnits;
import app.dukkan.orders.figures.SalesCounting;
import app.dukkan.payments.Payments;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.TextInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operators do with placed orders. Each operation locks the order (those that refund lock its
 * payment first), checks the state machine, and records the change, its stock effect, the refund
 * job, the event and the audit entry (actor, reason, client address) in one transaction.
 */
@Service
class OrderOperations {

    private final OrderRepository orders;
    private final Returns returns;
    private final Stock stock;
    private final Coupons coupons;
    private final Payments payments;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final SalesCounting sales;
    private final RefundRefusals refusals;
    private final Clock clock;

    /** A carrier's name: letters, digits, spaces and a few marks, as on a label. */
    private static final Pattern CARRIER = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} .&'()-]{0,59}");

    /** A tracking number: Latin letters and digits, single spaces or hyphens between them. */
    private static final Pattern TRACKING = Pattern.compile("[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*");

    private static final int TRACKING_MAX = 40;

    /** A refund as done; {@code amount} is null when the same key had refunded already. */
    record RefundResult(Order order, @Nullable Money amount) {}

    OrderOperations(
            OrderRepository orders,
            Returns returns,
            Stock stock,
            Coupons coupons,
            Payments payments,
            ApplicationEventPublisher events,
            JdbcClient jdbc,
            AuditLog audit,
            SalesCounting sales,
            RefundRefusals refusals,
            Clock clock) {
        this.orders = orders;
        this.returns = returns;
        this.stock = stock;
        this.coupons = coupons;
        this.payments = payments;
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.sales = sales;
        this.refusals = refusals;
        this.clock = clock;
    }

    /**
     * Marks a paid order shipped with an optional carrier and tracking number (see {@link
     * #tracking}).
     */
    @Transactional
    Order fulfil(String number, @Nullable String carrier, @Nullable String trackingNumber, UUID actor) {
        Map<String, Object> tracking = tracking(carrier, trackingNumber);
        Order order = lock(number);
        Instant now = clock.instant();
        order.fulfil(tracking.isEmpty() ? null : tracking, now);
        orders.save(order);
        orders.history(order.id(), order.status(), "shipped", actor, now);
        audit.record("order.fulfilled", "order", order.number(), null, tracking);
        events.publishEvent(new OrderFulfilled(order.id(), order.number(), order.email()));
        return order;
    }

    /**
     * The shipment's carrier and tracking number as stored ({@code carrier}, {@code
     * tracking_number}), stripped; blank ones are left out.
     *
     * @throws ProblemException 400 naming {@code carrier} (up to 60 letters, digits, spaces and
     *     {@code . & ' ( ) -}) or {@code tracking_number} (up to 40 Latin letters and digits, single
     *     spaces or hyphens between them)
     */
    static Map<String, Object> tracking(@Nullable String carrier, @Nullable String trackingNumber) {
        Map<String, Object> tracking = new LinkedHashMap<>();
        if (carrier != null && !carrier.isBlank()) {
            String value = carrier.strip();
            if (!CARRIER.matcher(value).matches()) {
                throw ProblemException.invalid(
                        "carrier", "up to 60 letters, digits, spaces and . & ' ( ) -, starting with a letter or digit");
            }
            tracking.put("carrier", value);
        }
        if (trackingNumber != null && !trackingNumber.isBlank()) {
            String value = trackingNumber.strip();
            if (value.length() > TRACKING_MAX || !TRACKING.matcher(value).matches()) {
                throw ProblemException.invalid(
                        "tracking_number",
                        "up to " + TRACKING_MAX
                                + " letters A-Z and digits, with single spaces or hyphens between them");
            }
            tracking.put("tracking_number", value);
        }
        return tracking;
    }

    /**
     * Cancels a paid order that was not shipped: its stock and coupon use go back, its money is
     * refunded. 409 {@code payment-disputed} while the customer's bank disputes its payment.
     */
    @Transactional
    Order cancel(String number, String reason, UUID actor) {
        Order order = lockWithPayment(number);
        order.status().requireMoveTo(OrderStatus.CANCELLED);
        requireUndisputed(
                order,
                "so the order is not cancelled. Do not ship it; a lost dispute refunds it and puts its stock back.");
        Money rest = order.refundable();
        String key = "cancel-" + order.id();
        UUID paymentRefund = rest.minor() > 0 ? requestRefund(order, rest, "cancelled: " + reason, key) : null;
        Instant now = clock.instant();
        order.cancel(reason, now);
        if (paymentRefund != null) {
            record(order, rest, "cancelled: " + reason, key, null, paymentRefund, false, actor, now);
            sales.refunded(order, rest, now);
        }
        stock.restore(order.quantities());
        if (order.couponCode() != null) {
            // the order never happened for the customer: their coupon use comes back with the money
            coupons.giveBack(order.id());
        }
        orders.save(order);
        orders.history(order.id(), OrderStatus.CANCELLED, "cancelled: " + reason, actor, now);
        audit.record(
                "order.cancelled",
                "order",
                order.number(),
                reason,
                Map.of("refunded", paymentRefund == null ? "0" : rest.toString()));
        events.publishEvent(new OrderCancelled(
                order.id(),
                order.number(),
                order.email(),
                reason,
                paymentRefund == null ? Money.ofMinor(0, order.currency()) : rest));
        return order;
    }

    /**
     * Refunds an amount, units of lines (line id → units: what was paid for them, see {@link
     * Order#refundUnits}) or, with neither, all of what is left. A full refund of a paid order that
     * was not shipped puts its stock back unless {@code restock} is false; partial refunds leave
     * stock alone (returned goods come back through returns). A refunded or cancelled order refunds
     * only money the provider refused before (see {@link RefundRefusals#refundable}). The same
     * {@code idempotencyKey} refunds once, also when the provider refused that refund (a retry takes
     * a new key); with another request it is refused (409 {@code idempotency-key-reused}). 409
     * {@code payment-disputed} while the customer's bank disputes the payment.
     */
    @Transactional
    RefundResult refund(
            String number,
            @Nullable Money amount,
            Map<UUID, Integer> units,
            String reason,
            @Nullable Boolean restock,
            @Nullable String idempotencyKey,
            UUID actor) {
        Order order = lockWithPayment(number);
        String key = "refund-" + order.id() + "-" + (idempotencyKey == null ? Ids.newId(clock) : idempotencyKey);
        byte[] request = requestHash(amount, units, restock);
        if (alreadyRefunded(key, request)) {
            return new RefundResult(order, null);
        }
        if (amount != null && !units.isEmpty()) {
            throw ProblemException.invalid("lines", "give either an amount or lines to refund, not both");
        }
        RefundedUnits byUnits = amount == null && !units.isEmpty() ? order.refundUnits(units) : null;
        Money refund = amount != null ? amount : byUnits == null ? refusals.refundable(order) : byUnits.amount();
        if (!units.isEmpty() && refund.minor() == 0) {
            throw ProblemException.conflict("lines", "nothing is left to refund for these units");
        }
        requireRefundable(order, refund);
        UUID paymentRefund = requestRefund(order, refund, reason, key);
        // a refunded or cancelled order's stock went back already
        boolean putBack = order.status() == OrderStatus.PAID
                && !Boolean.FALSE.equals(restock)
                && refund.equals(order.refundable());
        Instant now = clock.instant();
        record(order, refund, reason, key, request, paymentRefund, putBack, actor, now);
        if (byUnits == null) {
            sales.refunded(order, refund, now);
        } else {
            sales.refunded(order, byUnits, now);
        }
        if (putBack) {
            stock.restore(order.quantities());
        }
        orders.save(order);
        orders.history(order.id(), order.status(), "refund of " + refund + ": " + reason, actor, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("amount", refund.toString());
        if (!units.isEmpty()) {
            Map<String, Object> lines = new LinkedHashMap<>();
            units.forEach((line, count) -> lines.put(line.toString(), count));
            details.put("lines", lines);
        }
        details.put("restocked", putBack);
        audit.record("order.refunded", "order", order.number(), reason, details);
        events.publishEvent(new OrderRefunded(
                order.id(), order.number(), order.email(), refund, order.status() == OrderStatus.REFUNDED, false));
        return new RefundResult(order, refund);
    }

    @Transactional
    Returns.ReturnView requestReturn(String number, UUID customer, UUID lineId, int quantity, String reason) {
        Order order = lock(number);
        if (!customer.equals(order.customerId())) {
            throw ProblemException.notFound("order", number);
        }
        Returns.ReturnView created = returns.request(order, lineId, quantity, reason);
        orders.history(
                order.id(),
                order.status(),
                "return requested: " + quantity + " × " + created.sku(),
                customer,
                clock.instant());
        return created;
    }

    /**
     * Asks back every unit of the order not yet asked back (rejected requests do not count), one
     * request per line, for the customer who placed the order from the WhatsApp number {@code phone}
     * (E.164).
     */
    @Transactional
    List<Returns.ReturnView> requestReturns(String number, String phone, String reason) {
        Order order = lock(number);
        if (!order.status().isPlaced() || !orders.fromChat(order.id(), phone)) {
            throw ProblemException.notFound("order", number);
        }
        Map<UUID, Integer> asked = new HashMap<>();
        returns.ofOrder(order.id()).stream()
                .filter(r -> !r.status().equals("rejected"))
                .forEach(r -> asked.merge(r.lineId(), r.quantity(), Integer::sum));
        List<Returns.ReturnView> created = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            int open = line.quantity() - asked.getOrDefault(line.id(), 0);
            if (open > 0) {
                // refuses unless the order is shipped
                created.add(returns.request(order, line.id(), open, reason));
            }
        }
        if (created.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "return-not-possible",
                    "Return not possible",
                    "Every unit of order " + order.number() + " has been asked back already",
                    List.of());
        }
        for (Returns.ReturnView r : created) {
            orders.history(
                    order.id(),
                    order.status(),
                    "return requested: " + r.quantity() + " × " + r.sku(),
                    null,
                    clock.instant());
        }
        return created;
    }

    /**
     * Accepts a return: the units go back on hand unless {@code restock} is false, and what was
     * paid for them is refunded unless {@code refund} is false (see {@link Order#refundUnits}). 409
     * {@code payment-disputed} while the customer's bank disputes the payment and the return would
     * refund it.
     */
    @Transactional
    Returns.ReturnView acceptReturn(
            UUID returnId, @Nullable Boolean refund, @Nullable Boolean restock, @Nullable String reason, UUID actor) {
        Returns.Stored stored = requestedReturn(returnId);
        Order order = lockWithPayment(orders.find(stored.orderId()).orElseThrow());
        OrderLine line = order.lines().stream()
                .filter(l -> l.id().equals(stored.lineId()))
                .findFirst()
                .orElseThrow();
        Instant now = clock.instant();
        Map<UUID, Integer> unpaid = order.returnedUnitsToRefund(line.id(), stored.quantity());
        RefundedUnits refunded = Boolean.FALSE.equals(refund) || unpaid.isEmpty() ? null : order.refundUnits(unpaid);
        Money value = refunded == null ? Money.ofMinor(0, order.currency()) : refunded.amount();
        UUID paymentRefund = null;
        if (refunded != null && value.minor() > 0) {
            String key = "return-" + returnId;
            requireRefundable(order, value);
            paymentRefund = requestRefund(order, value, "return", key);
            record(order, value, "return", key, null, paymentRefund, false, actor, now);
            sales.refunded(order, refunded, now);
        }
        if (!Boolean.FALSE.equals(restock)) {
            stock.restore(Map.of(line.variantId(), stored.quantity()));
        }
        returns.decide(returnId, "accepted", null, actor, paymentRefund);
        orders.save(order);
        orders.history(
                order.id(), order.status(), "return accepted: " + stored.quantity() + " × " + line.sku(), actor, now);
        audit.record(
                "return.accepted",
                "return",
                returnId.toString(),
                reason,
                Map.of(
                        "order",
                        order.number(),
                        "quantity",
                        stored.quantity(),
                        "refunded",
                        value.toString(),
                        "restocked",
                        !Boolean.FALSE.equals(restock)));
        if (paymentRefund != null) {
            // after saving, so that listeners reading the order see the refund
            events.publishEvent(new OrderRefunded(
                    order.id(), order.number(), order.email(), value, order.status() == OrderStatus.REFUNDED, false));
        }
        return returns.find(returnId).orElseThrow();
    }

    @Transactional
    Returns.ReturnView rejectReturn(UUID returnId, String note, UUID actor) {
        Returns.Stored stored = requestedReturn(returnId);
        returns.decide(returnId, "rejected", note, actor, null);
        orders.history(stored.orderId(), OrderStatus.FULFILLED, "return rejected: " + note, actor, clock.instant());
        audit.record(
                "return.rejected",
                "return",
                returnId.toString(),
                note,
                Map.of("order", orders.find(stored.orderId()).map(Order::number).orElse("")));
        return returns.find(returnId).orElseThrow();
    }

    private Returns.Stored requestedReturn(UUID returnId) {
        Returns.Stored stored = returns.lock(returnId).orElseThrow(() -> ProblemException.notFound("return", returnId));
        if (!stored.status().equals("requested")) {
            throw ProblemException.conflict("status", "this return was already " + stored.status());
        }
        return stored;
    }

    /**
     * A disputed payment cannot be refunded (the provider refuses it), so a cancel, refund or
     * accepted return would promise a refund that never comes. The dispute settles the money
     * instead: a lost one counts as returned and puts an unshipped order's stock back
     * (PaymentOutcomes), after a won one the order can be cancelled and refunded. {@code outcome}
     * ends the detail: what is not done and what the operator does instead.
     */
    private void requireUndisputed(Order order, String outcome) {
        if (order.paymentId() != null
                && !payments.openDisputes(order.paymentId()).isEmpty()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "payment-disputed",
                    "Payment disputed",
                    "The customer's bank disputes the payment of order " + order.number()
                            + ": it cannot be refunded while the dispute is open, " + outcome,
                    List.of(new ProblemException.FieldProblem("payment", "disputed by the customer's bank")));
        }
    }

    /** Has the provider pay money back (a retried job), in this transaction. */
    private UUID requestRefund(Order order, Money amount, String reason, String key) {
        return payments.refund(paymentOf(order), amount, reason, key);
    }

    /**
     * Counts the refund on the locked order; {@code request} is what a client's key asked for (none
     * for keys the shop makes, which a second request cannot reach: the order or return moved on).
     */
    private void record(
            Order order,
            Money amount,
            String reason,
            String key,
            byte @Nullable [] request,
            UUID paymentRefund,
            boolean restocked,
            UUID actor,
            Instant now) {
        order.recordRefund(amount, now);
        jdbc.sql("""
                        insert into order_refunds (id, order_id, idempotency_key, request_sha256, amount_minor,
                            reason, restocked, payment_refund, actor_id, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        Ids.newId(clock),
                        order.id(),
                        key,
                        request,
                        amount.minor(),
                        TextInput.clip(reason, 500),
                        restocked,
                        paymentRefund,
                        actor,
                        Timestamp.from(now))
                .update();
    }

    /**
     * Whether the key refunded already. A key names one request: the same key with another request
     * is a client's bug, answered 409 {@code idempotency-key-reused} rather than as done, or the
     * operator would believe a refund was made that never was.
     */
    private boolean alreadyRefunded(String key, byte[] request) {
        List<byte @Nullable []> earlier = jdbc.sql("select request_sha256 from order_refunds where idempotency_key = ?")
                .param(key)
                .query((rs, n) -> rs.getBytes(1))
                .list();
        if (earlier.isEmpty()) {
            return false;
        }
        byte[] asked = earlier.get(0);
        // refunds recorded before requests were kept answer any replay as done, as they did
        if (asked != null && !MessageDigest.isEqual(asked, request)) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "idempotency-key-reused",
                    "Idempotency key reused",
                    "This Idempotency-Key refunded with another amount, lines or restock;"
                            + " use a new key for a new refund",
                    List.of(new ProblemException.FieldProblem("idempotency_key", "was used for another refund")));
        }
        return true;
    }

    /**
     * SHA-256 of the money and stock a refund asked for, lines in a fixed order, so equal requests
     * hash equal. Not its reason: a retry may word it anew, and free text that may name a person
     * is not kept in a form erasure cannot rewrite.
     */
    private static byte[] requestHash(@Nullable Money amount, Map<UUID, Integer> units, @Nullable Boolean restock) {
        StringBuilder request = new StringBuilder()
                .append(amount == null ? "-" : amount.minor() + " " + amount.currency())
                .append('|')
                .append(restock)
                .append('|');
        new TreeMap<>(units)
                .forEach((line, count) ->
                        request.append(line).append('=').append(count).append(','));
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(request.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refunds and accepted returns that pay back; 409 {@code payment-disputed} as for cancels. A
     * refunded or cancelled order pays back only money the provider refused (else 409 {@code
     * illegal-transition} as before); a draft never.
     */
    private void requireRefundable(Order order, Money amount) {
        Money refundable = refusals.refundable(order);
        boolean retry = (order.status() == OrderStatus.REFUNDED || order.status() == OrderStatus.CANCELLED)
                && refundable.minor() > 0;
        if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.FULFILLED && !retry) {
            order.status().requireMoveTo(OrderStatus.REFUNDED);
        }
        requireUndisputed(
                order,
                "so nothing is refunded. A lost dispute gives the customer the money back through the bank;"
                        + " once the dispute is won, the refund can be made.");
        if (!amount.currency().equals(order.currency())) {
            throw ProblemException.invalid("amount", "must be in " + order.currency());
        }
        if (amount.minor() <= 0) {
            throw ProblemException.invalid("amount", "must be positive");
        }
        if (amount.compareTo(refundable) > 0) {
            throw ProblemException.conflict("amount", "at most " + refundable + " is left to refund");
        }
    }

    private Order find(String number) {
        return orders.findByNumber(number).orElseThrow(() -> ProblemException.notFound("order", number));
    }

    private Order lock(String number) {
        return orders.lockByNumber(number).orElseThrow(() -> ProblemException.notFound("order", number));
    }

    private Order lockWithPayment(String number) {
        return lockWithPayment(find(number));
    }

    /**
     * Locks the order's payment, then the order, as payment events do, so the two never deadlock.
     * Refunds are decided on the locked order: concurrent refunds and returns of one order see each
     * other and together never pay back more than was paid. An order placed without payment (it
     * cost nothing) has only itself to lock.
     */
    private Order lockWithPayment(Order seen) {
        if (seen.paymentId() != null) {
            payments.lock(seen.paymentId());
        }
        return orders.lock(seen.id()).orElseThrow();
    }

    private static UUID paymentOf(Order order) {
        if (order.paymentId() == null) {
            throw new IllegalStateException("placed order " + order.number() + " has no payment");
        }
        return order.paymentId();
    }

    List<Returns.ReturnView> returnsOf(Order order) {
        return returns.ofOrder(order.id());
    }
}

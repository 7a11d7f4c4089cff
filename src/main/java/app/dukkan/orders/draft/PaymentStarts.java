package app.dukkan.orders.draft;

import app.dukkan.catalog.StockShortageException;
import app.dukkan.orders.CheckoutStep;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.PaymentStart;
import app.dukkan.orders.domain.Drift;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.payments.IntentRequest;
import app.dukkan.payments.PaymentIntent;
import app.dukkan.payments.Payments;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts paying a draft: hold its stock and coupon use (see {@link PaymentHolds}) and move it to
 * {@code awaiting_payment} (one short transaction), create the provider's intent (no transaction:
 * the call is slow and must not hold row locks), then attach the intent (another short transaction). A provider failure undoes the
 * first step, so nothing is left half-made and the call can simply be repeated; a repeated call for
 * a draft whose intent is attached already answers that intent.
 */
@Service
class PaymentStarts {

    /**
     * A draft awaiting payment; {@code paymentId} is its payment when one was attached before, and
     * {@code placed} says it cost nothing and is an order already.
     */
    private record Prepared(
            UUID id,
            int revision,
            Money total,
            String email,
            @Nullable Instant reservedUntil,
            @Nullable UUID paymentId,
            boolean placed) {}

    private final Drafts drafts;
    private final OrderRepository orders;
    private final PaymentHolds holds;
    private final Placements placements;
    private final Payments payments;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PaymentStarts(
            Drafts drafts,
            OrderRepository orders,
            PaymentHolds holds,
            Placements placements,
            Payments payments,
            TransactionTemplate transactions,
            Clock clock) {
        this.drafts = drafts;
        this.orders = orders;
        this.holds = holds;
        this.placements = placements;
        this.payments = payments;
        this.transactions = transactions;
        this.clock = clock;
    }

    PaymentStart start(UUID draftId, Buyer buyer) {
        Prepared prepared = transactions.execute(status -> reserve(draftId, buyer));
        if (prepared.placed()) {
            return PaymentStart.nothingToPay(prepared.id(), prepared.total());
        }
        // a repeated call for the same content of the draft answers the intent attached the first time
        PaymentIntent intent = prepared.paymentId() == null
                ? null
                : payments.intent(prepared.paymentId()).orElse(null);
        if (intent == null) {
            intent = createIntent(prepared);
            attach(prepared, intent);
        }
        return started(prepared.id(), intent, prepared.reservedUntil());
    }

    /** The payment attached to the draft's current revision while it awaits payment; starts nothing. */
    Optional<PaymentStart> started(UUID draftId, Buyer buyer) {
        Order order = buyer.requireOwns(
                orders.find(draftId).orElseThrow(() -> ProblemException.notFound("order draft", draftId)));
        if (order.status() != OrderStatus.AWAITING_PAYMENT
                || order.paymentId() == null
                || !changedSinceHold(order, buyer).isEmpty()) {
            return Optional.empty();
        }
        return payments.intent(order.paymentId()).map(intent -> started(order.id(), intent, order.reservedUntil()));
    }

    /**
     * What changed in the shop since the draft's hold ran out (prices, rates, coupon, whether its
     * products are still for sale and in stock); nothing while the hold runs, which keeps them.
     * A payment left open for days is not confirmed at the prices of its day.
     */
    private List<Drift.Change> changedSinceHold(Order order, Buyer buyer) {
        Instant until = order.reservedUntil();
        if (until == null || until.isAfter(clock.instant())) {
            return List.of();
        }
        return drafts.check(order, drafts.variantsOf(order.lines()), buyer.customerKey(order.email()))
                .changes();
    }

    private static PaymentStart started(UUID draftId, PaymentIntent intent, @Nullable Instant reservedUntil) {
        return new PaymentStart(
                draftId,
                intent.paymentId(),
                intent.provider(),
                intent.clientSecret(),
                intent.status().name().toLowerCase(Locale.ROOT),
                intent.amount(),
                reservedUntil);
    }

    private PaymentIntent createIntent(Prepared prepared) {
        try {
            return payments.createIntent(new IntentRequest(
                    prepared.id().toString(),
                    prepared.total(),
                    // one intent per content of the draft: a retry gets the same one back
                    Order.intentKey(prepared.id(), prepared.revision()),
                    "Order draft " + prepared.id(),
                    prepared.email()));
        } catch (RuntimeException e) {
            transactions.executeWithoutResult(status -> abandon(prepared));
            throw e;
        }
    }

    private Prepared reserve(UUID draftId, Buyer buyer) {
        Order order = buyer.requireOwns(
                orders.lock(draftId).orElseThrow(() -> ProblemException.notFound("order draft", draftId)));
        if (order.status().isPlaced()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "order-already-placed",
                    "Already paid",
                    "This draft is order " + order.number() + " ("
                            + order.status().code() + ")",
                    List.of());
        }
        if (order.status() == OrderStatus.AWAITING_PAYMENT && holds.taken(order)) {
            // one hold per content of the draft: a repeated call answers its payment, holding no longer
            refuseChanges(order, changedSinceHold(order, buyer));
            return prepared(order);
        }
        String customerKey = buyer.customerKey(order.email());
        refuseChanges(
                order,
                drafts.check(order, drafts.variantsOf(order.lines()), customerKey)
                        .changes());
        Instant now = clock.instant();
        Instant until = holds.take(order, customerKey, buyer.client());
        OrderStatus before = order.status();
        order.awaitPayment(until, now);
        order.checkoutReached(CheckoutStep.PAYMENT);
        if (order.free()) {
            return placeWithoutPayment(order, now);
        }
        if (before != order.status()) {
            orders.save(order, new OrderRepository.Note("payment started", null, now));
        } else {
            orders.save(order);
        }
        return prepared(order);
    }

    /**
     * An order that costs nothing needs no payment: it is placed at once, with the stock and coupon
     * use its hold took a moment ago.
     */
    private Prepared placeWithoutPayment(Order order, Instant now) {
        Optional<String> refused = placements.take(order);
        if (refused.isPresent()) {
            // the hold was taken in this transaction, so this is a bug: roll the whole start back
            throw new IllegalStateException("order " + order.id() + " lost its hold at once: " + refused.get());
        }
        order.placeWithoutPayment(orders.nextNumber(), now);
        placements.placed(order, "paid: nothing was due, no payment", now);
        return prepared(order);
    }

    /** Awaiting payment keeps the payment of the same revision, attached by an earlier call. */
    private static Prepared prepared(Order order) {
        return new Prepared(
                order.id(),
                order.revision(),
                order.totals().total(),
                order.email(),
                order.reservedUntil(),
                order.paymentId(),
                order.status().isPlaced());
    }

    /**
     * Lack of stock is one refusal, {@code out-of-stock}, whether the drift check sees it or the
     * reservation finds it; any other difference needs the customer to accept the new state.
     */
    private static void refuseChanges(Order order, List<Drift.Change> changes) {
        List<StockShortageException.Shortage> shortages = changes.stream()
                .filter(c -> c.kind().equals("insufficient_stock") || c.kind().equals("unavailable"))
                .map(c -> new StockShortageException.Shortage(
                        Objects.requireNonNull(c.variantId()),
                        Objects.requireNonNull(c.quantity()),
                        Objects.requireNonNull(c.available())))
                .toList();
        if (!shortages.isEmpty()) {
            throw new StockShortageException(shortages);
        }
        if (!changes.isEmpty()) {
            boolean cart = changes.stream().anyMatch(c -> c.kind().equals(Drafts.CART_CHANGED));
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "draft-changed",
                    "The draft changed",
                    cart
                            ? "The cart changed since the draft was made; bring the draft up to date with POST"
                                    + " /api/v1/orders/draft before paying"
                            : "Prices, coupon or rates changed since the draft was made; check it (GET"
                                    + " /api/v1/orders/draft/" + order.id()
                                    + ") and accept the new state with PATCH {\"accept_changes\": true}",
                    changes.stream()
                            .map(c -> new ProblemException.FieldProblem(
                                    c.sku() == null ? c.kind() : "lines." + c.sku(), describe(c)))
                            .toList());
        }
    }

    private void abandon(Prepared prepared) {
        orders.lock(prepared.id()).ifPresent(order -> {
            if (order.status() == OrderStatus.AWAITING_PAYMENT
                    && order.revision() == prepared.revision()
                    && order.paymentId() == null) {
                holds.undo(order);
                order.backToDraft(clock.instant());
                orders.save(order);
            }
        });
    }

    private void attach(Prepared prepared, PaymentIntent intent) {
        // one conditional update: a newer revision or a finished payment is left alone
        orders.attachPayment(
                prepared.id(), prepared.revision(), intent.paymentId(), intent.providerPaymentId(), clock.instant());
    }

    private static String describe(Drift.Change change) {
        return switch (change.kind()) {
            case "price_changed" -> "price changed from " + change.previousPrice() + " to " + change.currentPrice();
            default -> change.detail() == null ? change.kind() : change.detail();
        };
    }
}

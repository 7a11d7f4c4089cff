package app.dukkan.orders.draft;

import app.dukkan.checkout.CartsMerged;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A guest who signs in during checkout keeps their draft: when checkout merges the guest's cart into
 * the account's ({@link CartsMerged}), the guest cart's open draft becomes the customer's and their
 * cart's, in the merge's transaction, with its payment and holds. Else no one could see or pay it any
 * more (a draft of a deleted cart without a customer is no one's), its holds kept the stock from the
 * customer's next draft, and a payment of it left the bought units in the cart.
 *
 * <p>A cart has one open draft, so when the account's cart has one too, one of them is set aside:
 * the guest's is the checkout the shopper is in and holds what they just typed, so it stays, unless
 * the account's awaits a payment and the guest's does not (a payment may be under way there). The
 * draft set aside is the customer's but no cart's: it gives back its holds and goes back to a draft,
 * so a payment of it that succeeds later is refunded, as for any draft no longer awaiting it; its
 * result page leads back to the checkout. It is not cancelled: a cancelled order is a placed one,
 * with a number.
 */
@Component
class SignedInDrafts {

    private final OrderRepository orders;
    private final PaymentHolds holds;
    private final Clock clock;

    SignedInDrafts(OrderRepository orders, PaymentHolds holds, Clock clock) {
        this.orders = orders;
        this.holds = holds;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(CartsMerged merged) {
        // no draft of either cart is made meanwhile (Drafts.create takes the same turn)
        orders.lockDraftsOf(merged.anonymousCartId(), merged.userCartId());
        Optional<Order> found = orders.lockOpenDraftOf(merged.anonymousCartId());
        if (found.isEmpty()) {
            return;
        }
        Order guests = found.get();
        @Nullable Order own = orders.lockOpenDraftOf(merged.userCartId()).orElse(null);
        Instant now = clock.instant();
        if (own != null && awaitsPayment(own) && !awaitsPayment(guests)) {
            setAside(guests, merged, own, now);
            return;
        }
        guests.handOver(merged.userId(), merged.userCartId(), now);
        orders.save(guests, new OrderRepository.Note("the guest signed in: the customer's draft now", null, now));
        if (own != null) {
            setAside(own, merged, guests, now);
        }
    }

    private static boolean awaitsPayment(Order order) {
        return order.status() == OrderStatus.AWAITING_PAYMENT;
    }

    private void setAside(Order order, CartsMerged merged, Order kept, Instant now) {
        if (awaitsPayment(order)) {
            holds.release(order);
            order.backToDraft(now);
        }
        order.handOver(merged.userId(), null, now);
        orders.save(
                order,
                new OrderRepository.Note(
                        "set aside: the customer signed in and checks out with draft " + kept.id(), null, now));
    }
}

package app.dukkan.orders.draft;

import app.dukkan.checkout.CartHolds;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderRepository;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link CartHolds}: the units of the cart's open draft while its hold runs, as its drift counts them. */
@Component
class DraftHolds implements CartHolds {

    private final OrderRepository orders;
    private final Clock clock;

    DraftHolds(OrderRepository orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    @Override
    public Map<UUID, Integer> heldFor(UUID cartId) {
        return orders.findOpenDraftOf(cartId)
                .filter(order -> order.holdsReservation(clock.instant()))
                .map(Order::quantities)
                .orElse(Map.of());
    }
}

package app.dukkan.orders;

import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What placed orders bought, product by product, for modules that learn from sales. */
public interface Purchases {

    /**
     * A placed order's products. {@code items} are empty once the order no longer counts as a sale
     * (cancelled or refunded in full); a product whose units all came back is left out.
     */
    record Purchase(UUID orderId, Instant paidAt, List<Item> items) {}

    /** @param units bought and not given back */
    record Item(UUID productId, int units) {}

    /** The purchases of these orders, in the order of their ids; none for an unknown order or a draft. */
    List<Purchase> purchases(Collection<UUID> orderIds);

    /** Paid orders in the order of their ids, the first {@code limit} after {@code after} (all when null). */
    List<Purchase> purchases(@Nullable UUID after, int limit);

    /**
     * Whether the customer bought the product in a paid order (paid or fulfilled) of their account
     * and kept at least one unit of it: a cancelled or fully refunded order, a product whose units
     * all came back, and a draft or an order awaiting payment do not count.
     */
    boolean hasBought(UserId customer, UUID productId);
}

package app.dukkan.orders;

import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.List;

/** Paid orders of known customers for demo data (the demo community's reviews are by verified buyers). */
public interface DemoPurchases {

    /**
     * Stores a fulfilled order of the customer, paid at {@code paidAt}, of one unit of each product's
     * first variant, as the shop would have stored it; it neither takes stock nor publishes events.
     * Products that are unknown or have no variant are left out (no order when none is left).
     */
    void placePaidOrder(UserId customer, String email, List<String> productSlugs, Instant paidAt);
}

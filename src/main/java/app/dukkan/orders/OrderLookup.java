package app.dukkan.orders;

import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Placed orders by the ids other modules hold, one short row each, for the console's lists of
 * orders (a coupon's uses). Drafts are never found.
 */
public interface OrderLookup {

    /** The most rows one call answers. */
    int MAX_ROWS = 100;

    /** A placed order in a list. */
    record Row(
            UUID id,
            String number,
            String email,
            OrderStatus status,
            Money total,
            @Nullable Instant paidAt) {}

    /** The placed orders among {@code ids} (at most {@link #MAX_ROWS}), by id; unknown ids are left out. */
    Map<UUID, Row> byIds(Collection<UUID> ids);
}

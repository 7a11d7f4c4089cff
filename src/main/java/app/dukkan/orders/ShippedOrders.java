package app.dukkan.orders;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Orders marked shipped in a period, for messages to their customers (the automation's nightly
 * status update): who to tell, how to reach them and what was shipped.
 */
public interface ShippedOrders {

    /** At most this many orders are listed for one period. */
    int MAX = 1_000;

    /**
     * @param phone the phone number as the customer wrote it in the shipping address
     * @param name the name on the shipping address
     */
    record Shipped(
            String number,
            String email,
            @Nullable String phone,
            String name,
            @Nullable String carrier,
            @Nullable String trackingNumber,
            Instant shippedAt) {}

    /** Orders shipped from {@code from} (inclusive) to {@code to} (exclusive), first shipped first, at most {@link #MAX}. */
    List<Shipped> between(Instant from, Instant to);
}

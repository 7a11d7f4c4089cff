package app.dukkan.orders.draft;

import app.dukkan.checkout.Address;
import app.dukkan.checkout.ShippingOption;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderLine;
import app.dukkan.orders.domain.Review;
import app.dukkan.orders.domain.Totals;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A draft as the customer sees it while checking out. {@code payable} is false while {@code
 * changes} lists differences the customer has not accepted.
 */
record DraftView(
        UUID id,
        String status,
        @Nullable String paymentStatus,
        @Nullable String number,
        int revision,
        String email,
        Address address,
        List<OrderLine> lines,
        List<ShippingOption> shippingOptions,
        String shippingOption,
        @Nullable String couponCode,
        Totals totals,
        List<Review.Change> changes,
        boolean payable,
        @Nullable Instant reservedUntil) {

    static DraftView of(Order order, List<ShippingOption> options, List<Review.Change> changes, boolean payable) {
        return new DraftView(
                order.id(),
                order.status().code(),
                order.paymentStatus() == null
                        ? null
                        : order.paymentStatus().name().toLowerCase(Locale.ROOT),
                order.number(),
                order.revision(),
                order.email(),
                order.address(),
                order.lines(),
                options,
                order.shippingCode(),
                order.couponCode(),
                order.totals(),
                changes,
                payable,
                order.reservedUntil());
    }
}

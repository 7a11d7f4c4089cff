package app.dukkan.orders;

import app.dukkan.checkout.Address;
import app.dukkan.checkout.ShippingOption;
import app.dukkan.platform.Money;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A draft as the customer sees it while checking out. {@code payable} is false while {@code
 * changes} lists differences the customer has not accepted. {@code step} is how far the shop's
 * checkout pages got with it (not part of the JSON API).
 */
public record CheckoutDraft(
        UUID id,
        String status,
        @Nullable String paymentStatus,
        @Nullable String number,
        int revision,
        String email,
        Address address,
        List<Line> lines,
        List<ShippingOption> shippingOptions,
        String shippingOption,
        @Nullable String couponCode,
        Totals totals,
        List<Change> changes,
        boolean payable,
        @Nullable Instant reservedUntil,
        @JsonIgnore CheckoutStep step) {

    /** One variant of the draft at the price it will be paid. */
    public record Line(
            UUID id,
            int position,
            UUID variantId,
            UUID productId,
            String sku,
            String productName,
            String variantName,
            String productSlug,
            Money unitPrice,
            int quantity,
            Money paidTotal,
            int refundedQuantity,
            Money lineTotal) {}

    /** What the draft costs, as priced when it last changed. */
    public record Totals(
            Money subtotal,
            Money discounts,
            Money shipping,
            Money tax,
            BigDecimal taxRatePercent,
            boolean taxInclusive,
            Money total) {}

    /**
     * One difference from the shop as it is now; {@code kind} is {@code price_changed}, {@code
     * insufficient_stock}, {@code unavailable}, {@code coupon_invalid}, {@code totals_changed}, {@code
     * shipping_unavailable} or {@code cart_changed} (the draft's cart holds other things now: only
     * starting the draft again takes them over, accepting does not).
     */
    public record Change(
            String kind,
            @Nullable UUID variantId,
            @Nullable String sku,
            @Nullable Money previousPrice,
            @Nullable Money currentPrice,
            @Nullable Integer quantity,
            @Nullable Integer available,
            @Nullable String detail) {}

    /** The draft's state in the order state machine. */
    public OrderStatus orderStatus() {
        return OrderStatus.fromCode(status);
    }

    /** The shipping option chosen, from {@code shippingOptions}; null when it is no longer offered. */
    public @Nullable ShippingOption chosenShipping() {
        return shippingOptions.stream()
                .filter(option -> option.code().equals(shippingOption))
                .findFirst()
                .orElse(null);
    }
}

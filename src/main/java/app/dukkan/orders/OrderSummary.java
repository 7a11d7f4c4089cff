package app.dukkan.orders;

import app.dukkan.checkout.Address;
import app.dukkan.identity.UserId;
import app.dukkan.platform.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A placed order as other modules read it: for mails, receipts and points. {@code cancelReason} is
 * the one its customer is shown, {@code stock_shortage} or {@code coupon_used_up} when it was paid
 * too late; an operator's reason is the operators', and none here.
 */
public record OrderSummary(
        UUID id,
        String number,
        OrderStatus status,
        String email,
        @Nullable UserId customer,
        Address address,
        List<Line> lines,
        String shippingCode,
        String shippingName,
        @Nullable String couponCode,
        Money subtotal,
        Money discounts,
        Money shipping,
        Money tax,
        BigDecimal taxRatePercent,
        boolean taxInclusive,
        Money total,
        Money refunded,
        @Nullable String paymentReference,
        @Nullable Instant paidAt,
        @Nullable Instant fulfilledAt,
        @Nullable String carrier,
        @Nullable String trackingNumber,
        @Nullable String cancelReason) {

    public record Line(
            String sku, String productName, String variantName, int quantity, Money unitPrice, Money total) {}
}

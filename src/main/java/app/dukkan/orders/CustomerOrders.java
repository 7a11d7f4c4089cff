package app.dukkan.orders;

import app.dukkan.checkout.Address;
import app.dukkan.identity.UserId;
import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A signed-in customer's own orders: the history, one order with its timeline and returns, and
 * return requests. Another customer's order number is as unknown as a made-up one.
 */
public interface CustomerOrders {

    /** One row of the order history. */
    record Row(
            String number,
            OrderStatus status,
            Money total,
            int itemCount,
            @Nullable Instant paidAt) {}

    record Page(List<Row> items, int page, int size, long total) {}

    /**
     * A line with what is paid for it and how many of its units may still be asked back (0 unless
     * the order is shipped).
     */
    record Line(
            UUID id,
            String sku,
            String productName,
            String variantName,
            String productSlug,
            int quantity,
            Money unitPrice,
            Money total,
            int refundedQuantity,
            int returnableQuantity) {}

    /** What happened to the order, for its customer: no drafting or payment attempts. */
    enum EventKind {
        PAID,
        SHIPPED,
        CANCELLED,
        REFUND,
        REFUND_CONFIRMED,
        REFUND_FAILED,
        RETURN_REQUESTED,
        RETURN_ACCEPTED,
        RETURN_REJECTED,
        /** A chargeback opened, won or lost: the console's only. */
        DISPUTE,
        OTHER
    }

    record Event(Instant at, EventKind kind, OrderStatus status) {}

    /** A return request; {@code status} is {@code requested}, {@code accepted} or {@code rejected}. */
    record Return(
            UUID id,
            UUID lineId,
            String sku,
            int quantity,
            String reason,
            String status,
            @Nullable String note,
            Instant createdAt,
            @Nullable Instant decidedAt) {

        /** Whether it still waits for a decision. */
        public boolean waiting() {
            return status.equals("requested");
        }
    }

    /**
     * An order as its customer sees it; {@code refusedRefunds} is the money of refunds the payment
     * provider refused that no later refund has paid back yet, one amount per refusal.
     */
    record Detail(
            String number,
            OrderStatus status,
            String email,
            Address address,
            List<Line> lines,
            String shippingCode,
            String shippingName,
            @Nullable String couponCode,
            Money subtotal,
            Money discounts,
            Money shipping,
            Money tax,
            boolean taxInclusive,
            Money total,
            Money refunded,
            @Nullable String carrier,
            @Nullable String trackingNumber,
            Instant createdAt,
            @Nullable Instant paidAt,
            @Nullable Instant fulfilledAt,
            List<Event> timeline,
            List<Return> returns,
            List<Money> refusedRefunds) {

        /** Whether any line may still be asked back. */
        public boolean returnable() {
            return lines.stream().anyMatch(line -> line.returnableQuantity() > 0);
        }
    }

    /** The customer's placed orders, newest first. */
    Page list(UserId customer, int page, int size);

    /** One of the customer's placed orders; empty for an unknown number or another customer's order. */
    Optional<Detail> find(UserId customer, String number);

    /**
     * Asks to return units of a line of a shipped order. 404 for another customer's order, 409 {@code
     * return-not-possible} unless shipped, 400 naming {@code line_id} for a line of another order, 409
     * naming {@code quantity} beyond the units not yet asked back.
     */
    Return requestReturn(UserId customer, String number, UUID lineId, int quantity, String reason);

    /** A signed link to the receipt's PDF: the path on this shop and when it stops working. */
    record ReceiptLink(String path, Instant expiresAt) {}

    /**
     * A fresh link to the receipt of one of the customer's orders; empty while the receipt is being
     * rendered (right after the payment). 404 for an unknown or another customer's order.
     */
    Optional<ReceiptLink> receipt(UserId customer, String number);
}

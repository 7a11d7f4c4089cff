package app.dukkan.orders.domain;

import app.dukkan.platform.Money;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * One variant of an order at the price it was (or will be) paid. {@code paidTotal} is what the
 * customer pays for the line's units: their price less the line's share of the order's discounts,
 * plus its share of the tax when prices exclude tax (see {@link DraftContent}); shipping stays with
 * the order. {@code refundedQuantity} units of it were paid back.
 */
public record OrderLine(
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
        int refundedQuantity) {

    public OrderLine {
        if (refundedQuantity < 0 || refundedQuantity > quantity) {
            throw new IllegalArgumentException("refunded quantity must be between 0 and " + quantity);
        }
    }

    /** A line not yet priced into an order: until then it pays its price. */
    public OrderLine(
            UUID id,
            int position,
            UUID variantId,
            UUID productId,
            String sku,
            String productName,
            String variantName,
            String productSlug,
            Money unitPrice,
            int quantity) {
        this(
                id,
                position,
                variantId,
                productId,
                sku,
                productName,
                variantName,
                productSlug,
                unitPrice,
                quantity,
                times(unitPrice, quantity),
                0);
    }

    @JsonProperty
    public Money lineTotal() {
        return times(unitPrice, quantity);
    }

    public OrderLine withPriceAndQuantity(Money price, int newQuantity) {
        return new OrderLine(
                id, position, variantId, productId, sku, productName, variantName, productSlug, price, newQuantity);
    }

    OrderLine withPaidTotal(Money paid) {
        return withPaid(paid, refundedQuantity);
    }

    /**
     * What the next {@code units} units paid back are worth. The first {@code n} units of a line are
     * worth {@code paidTotal × n / quantity} rounded down, so units differ by at most a minor unit
     * and all of them together are worth the paid total exactly.
     */
    Money valueOfNextUnits(int units) {
        if (units < 1 || refundedQuantity + units > quantity) {
            throw new IllegalArgumentException(
                    (quantity - refundedQuantity) + " unit(s) of line " + sku + " are left to refund, not " + units);
        }
        return Money.ofMinor(
                paidForUnits(refundedQuantity + units) - paidForUnits(refundedQuantity), paidTotal.currency());
    }

    OrderLine withUnitsRefunded(int units) {
        return withPaid(paidTotal, refundedQuantity + units);
    }

    private OrderLine withPaid(Money paid, int refunded) {
        return new OrderLine(
                id,
                position,
                variantId,
                productId,
                sku,
                productName,
                variantName,
                productSlug,
                unitPrice,
                quantity,
                paid,
                refunded);
    }

    private long paidForUnits(int units) {
        return Math.floorDiv(Math.multiplyExact(paidTotal.minor(), units), quantity);
    }

    private static Money times(Money price, int quantity) {
        return Money.ofMinor(Math.multiplyExact(price.minor(), quantity), price.currency());
    }
}

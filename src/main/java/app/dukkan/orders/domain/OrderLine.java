package app.dukkan.orders.domain;

import app.dukkan.platform.Money;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** One variant of an order at the price it was (or will be) paid. */
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
        int quantity) {

    @JsonProperty
    public Money lineTotal() {
        return Money.ofMinor(Math.multiplyExact(unitPrice.minor(), quantity), unitPrice.currency());
    }

    public OrderLine withPriceAndQuantity(Money price, int newQuantity) {
        return new OrderLine(
                id, position, variantId, productId, sku, productName, variantName, productSlug, price, newQuantity);
    }
}

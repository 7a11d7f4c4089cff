package app.dukkan.catalog;

import app.dukkan.platform.Money;
import java.util.UUID;

/**
 * A variant as a cart or an order needs it. {@code purchasable} is false when the variant or its
 * product is not active; {@code available} is on hand minus active reservations.
 */
public record PurchasableVariant(
        UUID id,
        UUID productId,
        UUID sellerId,
        String sku,
        String productName,
        String productSlug,
        String variantName,
        Money price,
        int available,
        boolean purchasable) {

    /** The variant with {@code units} more available: what a reservation holds for the one asking. */
    public PurchasableVariant plusAvailable(int units) {
        return new PurchasableVariant(
                id,
                productId,
                sellerId,
                sku,
                productName,
                productSlug,
                variantName,
                price,
                available + units,
                purchasable);
    }
}

package app.dukkan.catalog.product;

import app.dukkan.catalog.ProductRatings.Rating;
import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A product with everything a product page or an editor needs.
 *
 * @param rating its visible reviews' average and count
 */
public record ProductDetail(
        UUID id,
        String slug,
        String name,
        String description,
        Map<String, Object> attributes,
        String status,
        UUID sellerId,
        @Nullable CategoryRef category,
        List<CategoryRef> breadcrumbs,
        @Nullable PriceRange price,
        boolean inStock,
        boolean featured,
        List<Variant> variants,
        List<Media> media,
        Instant createdAt,
        Instant updatedAt,
        Rating rating) {

    public record CategoryRef(String slug, String name) {}

    public record PriceRange(Money min, Money max) {}

    /**
     * For shoppers {@code stock} is what can be bought (on hand − reserved); editors see it on hand,
     * with {@code reserved} and {@code available} beside it.
     */
    public record Variant(
            UUID id,
            String sku,
            String name,
            Map<String, Object> attributes,
            Money price,
            int stock,
            boolean inStock,
            boolean active,
            @Nullable Integer reserved,
            @Nullable Integer available) {

        Variant forShoppers() {
            int buyable = available == null ? stock : available;
            return new Variant(id, sku, name, attributes, price, buyable, buyable > 0, active, null, null);
        }
    }

    /**
     * A picture; its pixel size when known; for an uploaded one its renditions as a {@code srcset}
     * value (URL and width, comma-separated), null for pictures added by URL.
     */
    public record Media(
            UUID id,
            String url,
            String alt,
            @Nullable Integer width,
            @Nullable Integer height,
            @Nullable String srcset) {}

    /** What shoppers see: inactive variants left out. */
    public ProductDetail forShoppers() {
        return new ProductDetail(
                id,
                slug,
                name,
                description,
                attributes,
                status,
                sellerId,
                category,
                breadcrumbs,
                price,
                inStock,
                featured,
                variants.stream()
                        .filter(Variant::active)
                        .map(Variant::forShoppers)
                        .toList(),
                media,
                createdAt,
                updatedAt,
                rating);
    }
}

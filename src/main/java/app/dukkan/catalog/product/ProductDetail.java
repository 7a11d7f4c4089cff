package app.dukkan.catalog.product;

import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A product with everything a product page or an editor needs. */
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
        List<Variant> variants,
        List<Media> media,
        Instant createdAt,
        Instant updatedAt) {

    public record CategoryRef(String slug, String name) {}

    public record PriceRange(Money min, Money max) {}

    public record Variant(
            UUID id,
            String sku,
            String name,
            Map<String, Object> attributes,
            Money price,
            int stock,
            boolean inStock,
            boolean active) {}

    public record Media(UUID id, String url, String alt) {}

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
                variants.stream().filter(Variant::active).toList(),
                media,
                createdAt,
                updatedAt);
    }
}

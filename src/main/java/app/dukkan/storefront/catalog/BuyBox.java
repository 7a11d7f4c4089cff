package app.dukkan.storefront.catalog;

import app.dukkan.catalog.ShopCatalog.Product;
import app.dukkan.catalog.ShopCatalog.Variant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The part of a product page that changes with the chosen variant: price, availability and the
 * add-to-cart form, whose quantity is fenced by what is available and by the cart's line limit.
 *
 * @param unknownVariant the URL asked for a variant the product does not have
 */
record BuyBox(Product product, @Nullable Variant selected, boolean unknownVariant, int lineLimit) {

    /**
     * The variant the URL names, else the first that is in stock, else the first; a variant id
     * that is malformed or not the product's counts as unknown.
     */
    static BuyBox of(Product product, @Nullable String variantParam, int lineLimit) {
        List<Variant> variants = product.variants();
        Optional<Variant> asked = Optional.empty();
        boolean unknown = false;
        if (variantParam != null && !variantParam.isBlank()) {
            asked = parse(variantParam).flatMap(product::variant);
            unknown = asked.isEmpty();
        }
        Variant selected = asked.orElseGet(() -> variants.stream()
                .filter(Variant::inStock)
                .findFirst()
                .orElse(variants.isEmpty() ? null : variants.get(0)));
        return new BuyBox(product, selected, unknown, lineLimit);
    }

    private static Optional<UUID> parse(String id) {
        if (id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The chosen variant's availability; null when the product has no variant to choose. */
    public @Nullable StockLevel stock() {
        return selected == null ? null : new StockLevel(selected.available(), lineLimit);
    }

    public boolean hasChoice() {
        return product.variants().size() > 1;
    }

    public boolean isSelected(Variant variant) {
        return selected != null && selected.id().equals(variant.id());
    }

    /** What a variant is called on its button. */
    public String label(Variant variant) {
        return variant.label();
    }
}

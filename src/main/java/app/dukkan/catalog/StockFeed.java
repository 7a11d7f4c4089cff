package app.dukkan.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Stock as it changes, for pages that show it live: which products' stock changed (committed, on
 * any instance) and what is available of them now.
 */
public interface StockFeed {

    /**
     * Calls {@code listener} with the slugs of products whose stock changed once the change has
     * committed: at once for a change made by this instance, within {@code stock-notify-interval}
     * for one made by another. The listener runs on the thread that committed or on the thread that
     * listens to the database's notifications, so it must hand any real work to a thread of its own.
     */
    void onChange(Consumer<Set<String>> listener);

    /**
     * What is available now of the active products among {@code slugs}, in one query; unknown,
     * draft and archived products are absent from the answer.
     */
    Map<String, ProductStock> availability(Collection<String> slugs);

    /** An active product's active variants in the order its page shows them. */
    record ProductStock(String slug, List<VariantStock> variants) {

        public boolean inStock() {
            return variants.stream().anyMatch(VariantStock::inStock);
        }

        public int available(UUID variantId) {
            return variants.stream()
                    .filter(v -> v.id().equals(variantId))
                    .mapToInt(VariantStock::available)
                    .findFirst()
                    .orElse(0);
        }
    }

    /** What can be bought of a variant now: on hand − reserved. */
    record VariantStock(UUID id, int available) {

        public boolean inStock() {
            return available > 0;
        }
    }
}

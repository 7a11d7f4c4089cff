package app.dukkan.catalog;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Variants running out: on hand minus held (reserved) at or below a threshold. */
public interface LowStock {

    /** A variant of a product that is not archived; {@code available} = {@code onHand} − {@code held}. */
    record LowVariant(
            UUID productId,
            String productName,
            UUID variantId,
            String sku,
            String variantName,
            int onHand,
            int held,
            int available) {}

    /** {@code total} is the number of such variants over all pages. */
    record LowVariants(List<LowVariant> items, long total, int page, int size) {}

    /**
     * Active variants with at most {@code threshold} available, fewest first (then by SKU), of every
     * product ({@code seller} null) or a seller's.
     */
    LowVariants page(@Nullable UUID seller, int threshold, int page, int size);
}

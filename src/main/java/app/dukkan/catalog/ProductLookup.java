package app.dukkan.catalog;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Products found by what an operator types, whatever their status, for the console's search box:
 * a part of the name (any case) or a variant's exact SKU.
 */
public interface ProductLookup {

    /** The most rows one call answers. */
    int MAX_ROWS = 50;

    /** A product found; {@code sku} is the variant's when the SKU matched, else null. */
    record Row(
            UUID id,
            String name,
            String slug,
            String status,
            UUID sellerId,
            @Nullable String sku) {}

    /**
     * Products whose name contains {@code text} or with a variant of that SKU, newest first, at most
     * {@code limit}; only {@code sellerId}'s when it is given.
     */
    List<Row> find(String text, @Nullable UUID sellerId, int limit);
}

package app.dukkan.catalog;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Which products belong to a seller, for modules that show a seller its own part of their data. */
public interface SellerProducts {

    /** The ids of every product of the seller, whatever their status. */
    Set<UUID> productIds(UUID sellerId);

    /** Whether the seller has any product, whatever its status. */
    boolean sellsAny(UUID sellerId);

    /** The ids of the seller's newest active products, newest first, at most {@code limit}. */
    List<UUID> newestActive(UUID sellerId, int limit);

    /** Whether the product is the seller's. */
    boolean sells(UUID sellerId, UUID productId);
}

package app.dukkan.catalog;

import java.util.Set;
import java.util.UUID;

/** Which products belong to a seller, for modules that show a seller its own part of their data. */
public interface SellerProducts {

    /** The ids of every product of the seller, whatever their status. */
    Set<UUID> productIds(UUID sellerId);

    /** Whether the product is the seller's. */
    boolean sells(UUID sellerId, UUID productId);
}

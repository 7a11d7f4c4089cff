package app.dukkan.catalog;

import java.util.UUID;

/** A variant's available stock changed (reserved, released, sold or restored). */
public record StockChanged(UUID variantId, UUID productId, int available) {}

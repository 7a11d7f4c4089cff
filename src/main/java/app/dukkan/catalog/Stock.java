package app.dukkan.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Stock of variants as buyers see it: available = on hand − active reservations. Reservations are
 * named by a key (the order's id); every method joins the caller's transaction and publishes
 * {@link StockChanged} for what it changed.
 */
public interface Stock {

    /** The purchasable state of the given variants in one query; unknown ids are absent. */
    Map<UUID, PurchasableVariant> variants(Collection<UUID> variantIds);

    /**
     * Holds the quantities until {@code expiresAt}: all lines or none. A second call with the same
     * key replaces the earlier reservation (quantities and expiry). Two callers can never both hold
     * the last unit.
     *
     * @throws StockShortageException naming every line that lacks stock; nothing is reserved
     */
    void reserve(String key, Map<UUID, Integer> quantities, Instant expiresAt);

    /** Releases the reservation; does nothing when there is none (idempotent). */
    void release(String key);

    /**
     * Takes the quantities from stock for good: what the reservation under {@code key} holds is
     * converted, lines it does not cover are decremented only if available and still for sale (an
     * archived product's units are not sold after its hold ran out). All or nothing.
     *
     * @return false, with nothing changed, when any line lacks stock or is no longer for sale
     */
    boolean commit(String key, Map<UUID, Integer> quantities);

    /** Puts quantities back on hand (cancelled or refunded orders). */
    void restore(Map<UUID, Integer> quantities);

    /** Releases every reservation that expired before {@code now}; returns how many. */
    int releaseExpired(Instant now);
}

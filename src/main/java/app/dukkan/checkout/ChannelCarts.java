package app.dukkan.checkout;

import java.util.UUID;

/**
 * Carts that no browser holds, for a channel other than the shop's pages (a WhatsApp chat), addressed
 * by their id. The rules and problems are those of {@link Carts} (the same code): at most {@link
 * Carts#maxLineQuantity()} units per line and {@code max-lines} lines, no more than is available,
 * variants for sale in the cart's currency. A channel cart is neither a user's nor a cookie's, so
 * no request ever finds it; it lives {@code dukkan.checkout.channel-cart-lifetime} after its last
 * change. An id that is not a channel cart's (also a user's or a cookie's cart) is 404 {@code not-found}.
 */
public interface ChannelCarts {

    /** A new, empty channel cart. */
    UUID create();

    /** Whether the id names a channel cart. */
    boolean exists(UUID cartId);

    /** The cart with current prices and totals. */
    CartView view(UUID cartId);

    /**
     * Adds {@code quantity} units of the variant to what the cart holds of it; concurrent additions
     * both count.
     *
     * @throws app.dukkan.platform.ProblemException 404 {@code not-found} for an unknown cart or variant,
     *     409 {@code variant-unavailable}, {@code insufficient-stock}, {@code cart-full}, {@code conflict}
     *     (another currency), 400 {@code validation} for a quantity below 1 or a sum above the line's
     *     maximum; nothing changes then
     */
    CartView add(UUID cartId, UUID variantId, int quantity);

    /** Sets the quantity of a line; 404 for a line that is not in this cart, else as {@link #add}. */
    CartView setQuantity(UUID cartId, UUID lineId, int quantity);

    /** Removes a line; 404 for a line that is not in this cart. */
    CartView remove(UUID cartId, UUID lineId);

    /** Empties the cart (which stays, with its id). */
    void clear(UUID cartId);
}

package app.dukkan.checkout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Carts as other modules see them. The methods taking the request and response act on the cart of
 * whoever sends the request, as the cart API does: a signed-in user's (an anonymous cart named by
 * the request's cookie is merged into it first), else the anonymous cart of the {@code DUKKAN_CART}
 * cookie, which the first write creates and sets.
 */
public interface Carts {

    /**
     * The id of the caller's cart. Empty when there is none; never creates one.
     */
    Optional<UUID> currentId(HttpServletRequest request, HttpServletResponse response);

    /** Units in the caller's cart (0 when there is none), for a page header; never creates a cart. */
    int unitCount(HttpServletRequest request, HttpServletResponse response);

    /** What the cart holds now, in the order the lines were added; empty for an unknown cart. */
    CartContents contents(UUID cartId);

    /** Takes the ordered quantities out of the cart, in the transaction that marks the order paid. */
    void removeOrdered(UUID cartId, Map<UUID, Integer> quantities);

    /** The caller's cart with current prices and totals; an empty view (without id) when there is none. */
    CartView view(HttpServletRequest request, HttpServletResponse response);

    /**
     * Sets the variant's quantity in the caller's cart (idempotent), adding the line if needed.
     *
     * @throws app.dukkan.platform.ProblemException 404 {@code not-found} for an unknown variant, 409
     *     {@code variant-unavailable}, {@code insufficient-stock}, {@code cart-full}, 400 {@code validation}
     *     for a quantity outside 1 and {@link #maxLineQuantity()}; nothing changes then
     */
    CartView put(HttpServletRequest request, HttpServletResponse response, UUID variantId, int quantity);

    /**
     * Adds {@code quantity} units of the variant to what the caller's cart holds of it; the sum is
     * checked as {@link #put} checks a quantity.
     */
    CartView add(HttpServletRequest request, HttpServletResponse response, UUID variantId, int quantity);

    /**
     * Changes the quantity of a line of the caller's cart.
     *
     * @throws app.dukkan.platform.ProblemException 404 for a line that is not in the caller's cart,
     *     else as {@link #put}
     */
    CartView setQuantity(HttpServletRequest request, HttpServletResponse response, UUID lineId, int quantity);

    /**
     * Removes a line of the caller's cart.
     *
     * @throws app.dukkan.platform.ProblemException 404 for a line that is not in the caller's cart
     */
    CartView remove(HttpServletRequest request, HttpServletResponse response, UUID lineId);

    /** The most units of one variant a cart line may hold ({@code dukkan.checkout.max-line-quantity}). */
    int maxLineQuantity();
}

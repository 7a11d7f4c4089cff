package app.dukkan.checkout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Carts as other modules see them. */
public interface Carts {

    /**
     * The id of the cart of whoever sends the request: a signed-in user's (an anonymous cart named
     * by the request's cookie is merged into it first), else the anonymous cart of the cookie. Empty
     * when there is none; never creates one.
     */
    Optional<UUID> currentId(HttpServletRequest request, HttpServletResponse response);

    /** What the cart holds now, in the order the lines were added; empty for an unknown cart. */
    CartContents contents(UUID cartId);

    /** Takes the ordered quantities out of the cart, in the transaction that marks the order paid. */
    void removeOrdered(UUID cartId, Map<UUID, Integer> quantities);
}

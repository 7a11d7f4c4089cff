package app.dukkan.checkout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Carts as other modules see them. */
public interface Carts {

    /**
     * The cart of whoever sends the request: a signed-in user's (an anonymous cart named by the
     * request's cookie is merged into it first), else the anonymous cart of the cookie. Empty when
     * there is none; never creates one.
     */
    Optional<CartContents> current(HttpServletRequest request, HttpServletResponse response);

    /** Takes the ordered quantities out of the cart, in the transaction that marks the order paid. */
    void removeOrdered(UUID cartId, Map<UUID, Integer> quantities);
}

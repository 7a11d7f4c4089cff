package app.dukkan.checkout;

import java.util.Map;
import java.util.UUID;

/**
 * What the open draft of a cart holds for the payment it started (orders implement it): units of
 * stock reserved for that cart's shopper, which the cart counts as available to itself. A shopper
 * who goes back to the cart while paying is then not told that the units are gone.
 */
public interface CartHolds {

    /** Units per variant the cart's open draft holds for its running payment; empty when none. */
    Map<UUID, Integer> heldFor(UUID cartId);
}

package app.dukkan.checkout;

import java.util.UUID;

/**
 * A signed-in user's request still carried an anonymous cart: its lines go into the user's cart and
 * the anonymous cart is deleted. Published in the merge's transaction before either cart is locked,
 * so that a listener locking rows of its own (orders, for the anonymous cart's draft) takes them
 * first, in the order paying an order takes them too: the order, then the cart.
 */
public record CartsMerged(UUID anonymousCartId, UUID userCartId, UUID userId) {}

/**
 * The checkout wizard: address, shipping, review, payment and its result. The draft is the
 * server's state, so every step resumes where the shopper left it; every step works without
 * JavaScript.
 */
@NullMarked
package app.dukkan.storefront.checkout;

import org.jspecify.annotations.NullMarked;

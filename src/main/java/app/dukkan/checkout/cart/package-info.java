/** Shopping carts: anonymous (named by a cookie) and signed-in, merged on sign-in; the cart API. */
@NullMarked
package app.dukkan.checkout.cart;

import org.jspecify.annotations.NullMarked;

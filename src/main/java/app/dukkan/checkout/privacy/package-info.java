/** Checkout's part in exports and erasures: the account's cart and coupon uses keyed by email. */
@NullMarked
package app.dukkan.checkout.privacy;

import org.jspecify.annotations.NullMarked;

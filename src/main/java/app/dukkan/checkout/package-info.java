/**
 * Checkout: shopping carts (anonymous and signed-in, merged on sign-in), pricing (shipping rates,
 * tax rates, totals) and coupons. Orders build their drafts from a cart and price them here.
 */
@ApplicationModule(
        displayName = "Checkout",
        allowedDependencies = {"platform", "privacy", "identity", "catalog"})
@NullMarked
package app.dukkan.checkout;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

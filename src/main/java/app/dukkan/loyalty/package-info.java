/**
 * Loyalty: points credited when a signed-in customer's order is paid, reversed in proportion to
 * refunds and on cancellation, never below zero; badges by balance. Reacts to the orders module's
 * events through jobs scheduled in the order's transaction.
 */
@ApplicationModule(
        displayName = "Loyalty",
        allowedDependencies = {"platform", "privacy", "identity", "orders"})
@NullMarked
package app.dukkan.loyalty;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

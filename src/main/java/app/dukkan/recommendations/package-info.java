/**
 * Recommendations and recently viewed products: "bought together" from paid orders, the same
 * category, popular in the last 30 days, and what a signed-in shopper looked at last. Counts are
 * kept precomputed from the orders module's events by jobs (a request reads one or two indexed
 * rows), and shown as catalog cards.
 */
@ApplicationModule(
        displayName = "Recommendations",
        allowedDependencies = {"platform", "privacy", "identity", "orders", "catalog"})
@NullMarked
package app.dukkan.recommendations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * Payments: a provider port with a Stripe adapter and a built-in
 * test provider, payment intents, refunds and the signed webhook. Incoming provider events are
 * recorded first and processed by a retried job; processing publishes payment events in its
 * transaction, so their listeners' effects happen exactly once with it.
 */
@ApplicationModule(
        displayName = "Payments",
        allowedDependencies = {"platform", "privacy"})
@NullMarked
package app.dukkan.payments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

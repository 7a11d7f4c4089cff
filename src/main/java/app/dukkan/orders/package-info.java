/**
 * Orders: drafts built from a cart, the start of their payment, exactly-once finalization when the
 * payment succeeds, the order state machine, customers' order history, operators' fulfilment,
 * cancellations, refunds and returns. Publishes {@link app.dukkan.orders.OrderPaid} and its
 * siblings in the transaction that made the change.
 */
@ApplicationModule(
        displayName = "Orders",
        allowedDependencies = {"platform", "identity", "identity::limits", "catalog", "checkout", "payments", "privacy"
        })
@NullMarked
package app.dukkan.orders;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

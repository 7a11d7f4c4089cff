/** What happens to an order after its payment: finalization, fulfilment, cancellation, refunds, returns. */
@NullMarked
package app.dukkan.orders.lifecycle;

import org.jspecify.annotations.NullMarked;

/**
 * The orders' counters of the dashboard: paid, refunded and started orders counted in the
 * transaction that made them, and the sellers of each paid order.
 */
@NullMarked
package app.dukkan.orders.figures;

import org.jspecify.annotations.NullMarked;

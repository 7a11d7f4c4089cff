/** Points accounts, their ledger, the jobs that settle an order's points, and the customer's view. */
@NullMarked
package app.dukkan.loyalty.points;

import org.jspecify.annotations.NullMarked;

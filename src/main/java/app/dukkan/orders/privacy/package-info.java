/** Orders' part in exports and erasures: orders are kept for accounting with the customer anonymised. */
@NullMarked
package app.dukkan.orders.privacy;

import org.jspecify.annotations.NullMarked;

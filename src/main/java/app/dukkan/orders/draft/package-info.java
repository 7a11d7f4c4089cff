/** Checkout drafts: built from the cart, priced, checked for drift and handed to a payment. */
@NullMarked
package app.dukkan.orders.draft;

import org.jspecify.annotations.NullMarked;

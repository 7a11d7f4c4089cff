/**
 * Stock of variants: reservations (held for orders awaiting payment), sales and restocks, with row
 * locks taken in one order (products, then variants, each by id) so concurrent buyers never
 * deadlock or oversell.
 */
@NullMarked
package app.dukkan.catalog.stock;

import org.jspecify.annotations.NullMarked;

/**
 * The catalog as a spreadsheet: CSV export and import of products and variants (with the import
 * records and the job that runs long imports) and bulk edits of variants' prices and stock.
 */
@NullMarked
package app.dukkan.catalog.transfer;

import org.jspecify.annotations.NullMarked;

/**
 * PDF receipts: rendered by a job when an order is paid, kept in the file store under a private key
 * and handed to the customer (and admins) as a signed link that expires.
 */
@NullMarked
package app.dukkan.orders.receipt;

import org.jspecify.annotations.NullMarked;

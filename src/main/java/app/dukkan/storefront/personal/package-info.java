/**
 * Recommendations and recently viewed products on the shop's pages: the slots of the product and
 * home pages, the fragment that shows an anonymous shopper's recently viewed products (kept in the
 * browser), and forgetting a signed-in shopper's.
 */
@NullMarked
package app.dukkan.storefront.personal;

import org.jspecify.annotations.NullMarked;

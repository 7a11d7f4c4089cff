/**
 * Review pages: a product's reviews (filtered by stars, in pages), the form where a buyer writes
 * or changes their review, and the product page's summary and latest reviews. Everything goes
 * through the community's public {@code Reviews}.
 */
@NullMarked
package app.dukkan.storefront.reviews;

import org.jspecify.annotations.NullMarked;

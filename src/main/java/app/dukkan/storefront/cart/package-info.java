/** The cart page and drawer: add, change and remove lines, with and without JavaScript. */
@NullMarked
package app.dukkan.storefront.cart;

import org.jspecify.annotations.NullMarked;

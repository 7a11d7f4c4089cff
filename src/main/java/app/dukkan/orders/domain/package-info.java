/** The order aggregate and its storage. */
@NullMarked
package app.dukkan.orders.domain;

import org.jspecify.annotations.NullMarked;

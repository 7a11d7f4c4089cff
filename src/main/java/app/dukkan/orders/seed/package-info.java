@NullMarked
package app.dukkan.orders.seed;

import org.jspecify.annotations.NullMarked;

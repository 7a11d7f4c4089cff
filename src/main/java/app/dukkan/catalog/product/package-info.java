@NullMarked
package app.dukkan.catalog.product;

import org.jspecify.annotations.NullMarked;

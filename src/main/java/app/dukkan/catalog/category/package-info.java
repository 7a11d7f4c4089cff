@NullMarked
package app.dukkan.catalog.category;

import org.jspecify.annotations.NullMarked;

@NullMarked
package app.dukkan.catalog.seed;

import org.jspecify.annotations.NullMarked;

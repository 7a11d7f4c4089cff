@NullMarked
package app.dukkan.catalog.search;

import org.jspecify.annotations.NullMarked;

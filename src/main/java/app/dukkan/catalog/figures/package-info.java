/** The catalog's part of the dashboard: product page views counted per instance, low stock. */
@NullMarked
package app.dukkan.catalog.figures;

import org.jspecify.annotations.NullMarked;

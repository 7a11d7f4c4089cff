/**
 * Catalog: categories, products, variants and media; public listing, search and detail; demo data.
 * Writes come from admins and sellers (a seller only touches its own products).
 */
@ApplicationModule(
        displayName = "Catalog",
        allowedDependencies = {"platform", "identity"})
@NullMarked
package app.dukkan.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * The operator console at {@code /admin}: its shell (navigation, breadcrumbs, tables, flash
 * messages, confirmations) and the pages over the other modules' APIs. A module adds a page by
 * declaring a {@link app.dukkan.admin.ConsoleLink} bean and rendering its template into
 * {@code admin/layout :: page(...)} (see docs/web.md, "The console").
 */
@ApplicationModule(
        displayName = "Console",
        allowedDependencies = {
            "platform",
            "identity",
            "storefront::web",
            "catalog",
            "orders",
            "checkout",
            "notifications",
            "moderation",
            "automation",
            "privacy"
        })
@NullMarked
package app.dukkan.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

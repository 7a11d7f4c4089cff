/**
 * Storefront: the shop's pages, server-rendered with Thymeleaf and made smoother with htmx. Every
 * flow works without JavaScript. Pages use the other modules only through their public APIs.
 */
@ApplicationModule(
        displayName = "Storefront",
        allowedDependencies = {
            "platform",
            "identity",
            "catalog",
            "checkout",
            "orders",
            "payments",
            "loyalty",
            "recommendations",
            "community",
            "moderation",
            "privacy"
        })
@NullMarked
package app.dukkan.storefront;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

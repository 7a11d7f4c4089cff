package app.dukkan.storefront.web;

import org.jspecify.annotations.Nullable;

/**
 * One step of a page's breadcrumbs: a message key or ready text, and the path it links to (none
 * for the current page).
 */
public record Crumb(String label, @Nullable String href, boolean translate) {

    /** A crumb whose label is a message key. */
    public static Crumb key(String key, @Nullable String href) {
        return new Crumb(key, href, true);
    }

    /** A crumb whose label is shown as it is (a product's or category's name). */
    public static Crumb text(String text, @Nullable String href) {
        return new Crumb(text, href, false);
    }
}

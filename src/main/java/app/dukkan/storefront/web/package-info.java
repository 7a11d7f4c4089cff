/**
 * What every page shares: the language in the URL, the theme, the layout's data, static assets,
 * error pages.
 */
@NullMarked
package app.dukkan.storefront.web;

import org.jspecify.annotations.NullMarked;

/**
 * What every page shares: the language in the URL, the theme, the layout's data, static assets,
 * error pages. The console's pages use it too (named interface {@code web}).
 */
@NamedInterface("web")
@NullMarked
package app.dukkan.storefront.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

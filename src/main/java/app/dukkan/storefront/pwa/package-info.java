/**
 * The installable shop (behind the {@code pwa} flag): the web app manifest of each language, the
 * service worker that keeps visited catalog pages for offline reading, and the offline page.
 */
@NullMarked
package app.dukkan.storefront.pwa;

import org.jspecify.annotations.NullMarked;

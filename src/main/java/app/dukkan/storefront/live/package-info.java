/**
 * Live stock: product and listing pages follow the availability of what they show over Server-Sent
 * Events ({@code GET /inventory/stream}), while the {@code realtime} flag is on.
 */
@NullMarked
package app.dukkan.storefront.live;

import org.jspecify.annotations.NullMarked;

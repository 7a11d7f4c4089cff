/** Loyalty's part in exports and erasures. */
@NullMarked
package app.dukkan.loyalty.privacy;

import org.jspecify.annotations.NullMarked;

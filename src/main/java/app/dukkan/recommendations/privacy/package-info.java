/** Recommendations' part in exports and erasures. */
@NullMarked
package app.dukkan.recommendations.privacy;

import org.jspecify.annotations.NullMarked;

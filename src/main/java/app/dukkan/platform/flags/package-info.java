/** Feature flags: an OpenFeature provider over the {@code feature_flags} table, and its admin API. */
@NullMarked
package app.dukkan.platform.flags;

import org.jspecify.annotations.NullMarked;

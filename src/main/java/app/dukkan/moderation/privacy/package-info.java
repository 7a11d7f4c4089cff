/** Moderation's part in exports and erasures: queue entries about a member, their reports, warnings to them. */
@NullMarked
package app.dukkan.moderation.privacy;

import org.jspecify.annotations.NullMarked;

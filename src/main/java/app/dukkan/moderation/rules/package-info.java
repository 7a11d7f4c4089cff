/** Moderation rules and the screening of texts against them. */
@NullMarked
package app.dukkan.moderation.rules;

import org.jspecify.annotations.NullMarked;

/** The moderation queue: entries of flagged and reported content, reports, and operators' actions. */
@NullMarked
package app.dukkan.moderation.queue;

import org.jspecify.annotations.NullMarked;

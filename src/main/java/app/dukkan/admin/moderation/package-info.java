/** The console's moderation pages: the queue, an entry with its actions, the rules and their test box. */
@NullMarked
package app.dukkan.admin.moderation;

import org.jspecify.annotations.NullMarked;

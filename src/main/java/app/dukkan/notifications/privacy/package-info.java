/** Notifications' part in exports and erasures. */
@NullMarked
package app.dukkan.notifications.privacy;

import org.jspecify.annotations.NullMarked;

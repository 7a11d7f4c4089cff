@NullMarked
package app.dukkan.notifications.sending;

import org.jspecify.annotations.NullMarked;

@NullMarked
package app.dukkan.notifications.mail;

import org.jspecify.annotations.NullMarked;

@NullMarked
package app.dukkan.notifications.web;

import org.jspecify.annotations.NullMarked;

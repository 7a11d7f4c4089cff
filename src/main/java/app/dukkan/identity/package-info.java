/**
 * Accounts, sessions and roles. Other modules learn who is calling through {@link
 * app.dukkan.identity.CurrentUser}.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = "platform")
@NullMarked
package app.dukkan.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

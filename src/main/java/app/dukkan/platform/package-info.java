/**
 * Shared kernel: money, problem details, file storage, cluster-wide notifications and the database
 * runtime. Other modules use only the types in this package; sub-packages are internal.
 */
@ApplicationModule(displayName = "Platform")
@NullMarked
package app.dukkan.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

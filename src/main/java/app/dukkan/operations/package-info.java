/**
 * Operations run from the jar's commands: encrypted database backups with retention, restores
 * into a fresh database, the restore drill, and smoke checks of a running shop.
 */
@ApplicationModule(
        displayName = "Operations",
        allowedDependencies = {"platform"})
@NullMarked
package app.dukkan.operations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/** Automation' part in exports and erasures. */
@NullMarked
package app.dukkan.automation.privacy;

import org.jspecify.annotations.NullMarked;

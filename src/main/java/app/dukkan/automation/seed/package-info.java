/** The demo shop's example workflows. */
@NullMarked
package app.dukkan.automation.seed;

import org.jspecify.annotations.NullMarked;

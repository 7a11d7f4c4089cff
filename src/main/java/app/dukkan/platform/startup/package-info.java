/** How a refused start is reported. */
@NullMarked
package app.dukkan.platform.startup;

import org.jspecify.annotations.NullMarked;

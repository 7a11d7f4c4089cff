/**
 * How the shop starts: from the context processed ahead of time when it may ({@link
 * app.dukkan.platform.startup.AheadOfTimeStart}, which the application's main method registers), and
 * how a refused start is reported.
 */
@NamedInterface("startup")
@NullMarked
package app.dukkan.platform.startup;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

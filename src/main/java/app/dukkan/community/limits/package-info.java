/** How often members may write: one limit per kind of write, per member and per client address. */
@NullMarked
package app.dukkan.community.limits;

import org.jspecify.annotations.NullMarked;

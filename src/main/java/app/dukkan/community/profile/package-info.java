/** Profiles: handles, names, bios and avatars; follows and blocks. */
@NullMarked
package app.dukkan.community.profile;

import org.jspecify.annotations.NullMarked;

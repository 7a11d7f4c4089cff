/** Demo data for the community: members with profiles, follows, posts, comments, likes and reviews. */
@NullMarked
package app.dukkan.community.seed;

import org.jspecify.annotations.NullMarked;

/**
 * The community's pages: the feed, explore, a post with its comments, composing, editing and
 * deleting posts.
 */
@NullMarked
package app.dukkan.storefront.community;

import org.jspecify.annotations.NullMarked;

/**
 * The community's pages of people: profiles with their follower and following lists, following
 * and blocking, a member's own profile settings, and notifications. Community's public API only.
 */
@NullMarked
package app.dukkan.storefront.people;

import org.jspecify.annotations.NullMarked;

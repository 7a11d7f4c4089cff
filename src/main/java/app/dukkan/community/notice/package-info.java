/**
 * In-app notifications: written by listeners of the community's events in the transaction of the
 * change, listed, counted and marked read by their recipient.
 */
@NullMarked
package app.dukkan.community.notice;

import org.jspecify.annotations.NullMarked;

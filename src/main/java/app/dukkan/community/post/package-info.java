/**
 * Posts with their pictures and tagged products, edit history, likes, comments, mentions and the
 * feed (ADR 0030).
 */
@NullMarked
package app.dukkan.community.post;

import org.jspecify.annotations.NullMarked;

package app.dukkan.moderation;

import app.dukkan.identity.UserId;

/**
 * An operator warned the author of an item in the moderation queue; published in the transaction
 * that records the warning. The community shows it to the author as a notification.
 */
public record AuthorWarned(UserId author, ContentRef item, String reason) {}

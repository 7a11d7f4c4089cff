package app.dukkan.moderation;

import app.dukkan.identity.UserId;
import java.util.List;

/**
 * Content entered the moderation queue: a rule flagged or hid it, or enough people reported it.
 * Published in the transaction that put it there. For posts this is the automation's {@code
 * post.flagged}.
 *
 * @param reason {@code rule} or {@code reports}
 * @param hidden whether it is hidden pending review
 */
public record ContentFlagged(ContentRef item, UserId author, String reason, boolean hidden, List<String> rules) {}

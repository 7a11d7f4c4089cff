package app.dukkan.moderation;

import app.dukkan.identity.UserId;
import java.util.List;

/**
 * Content entered the moderation queue: a rule flagged or hid it, or enough people reported it.
 * Published in the transaction that put it there. For posts this is the automation's {@code
 * post.flagged}.
 *
 * <p>Published when the item enters the queue (its entry is made, or opened again after it was
 * resolved) and when it gets hidden while it waits there; not again for each edit that a rule flags
 * while the entry is open.
 *
 * @param reason {@code rule} or {@code reports}
 * @param hidden whether it is hidden pending review
 * @param opening how often the item's entry has been opened: with {@code hidden}, it names one
 *     flagging of the item
 */
public record ContentFlagged(
        ContentRef item, UserId author, String reason, boolean hidden, List<String> rules, int opening) {}

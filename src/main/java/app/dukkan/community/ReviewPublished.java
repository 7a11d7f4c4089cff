package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.util.UUID;

/**
 * A verified buyer's review of a product became visible (on create, or when an operator restored
 * it); published in that transaction. Automation's {@code review.published}.
 */
public record ReviewPublished(UUID review, UUID product, UserId author, int rating) {}

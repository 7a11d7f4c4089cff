package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.util.List;
import java.util.UUID;

/** A new post; published in the transaction that stored it. */
public record PostPublished(UUID post, UserId author, List<UUID> taggedProducts) {}

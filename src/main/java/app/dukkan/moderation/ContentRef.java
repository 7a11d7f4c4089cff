package app.dukkan.moderation;

import java.util.UUID;

/** One piece of content: a post, a comment, a review or a profile (whose id is its user's). */
public record ContentRef(ContentKind kind, UUID id) {}

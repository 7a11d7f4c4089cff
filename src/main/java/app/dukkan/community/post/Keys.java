package app.dukkan.community.post;

import app.dukkan.moderation.ModeratedContent;
import java.util.Optional;
import java.util.UUID;

/** What moderation is handed: ids from keys, excerpts and states. */
final class Keys {

    private static final int EXCERPT = 200;

    private Keys() {}

    static Optional<UUID> uuid(String key) {
        try {
            return key.length() == 36 ? Optional.of(UUID.fromString(key)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String excerpt(String text) {
        return text.codePointCount(0, text.length()) <= EXCERPT
                ? text
                : text.substring(0, text.offsetByCodePoints(0, EXCERPT - 1)) + "…";
    }

    static ModeratedContent.State state(String status) {
        return switch (status) {
            case "visible" -> ModeratedContent.State.VISIBLE;
            case "hidden" -> ModeratedContent.State.HIDDEN;
            default -> ModeratedContent.State.REMOVED;
        };
    }
}

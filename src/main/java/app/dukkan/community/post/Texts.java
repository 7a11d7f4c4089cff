package app.dukkan.community.post;

import app.dukkan.platform.ProblemException;
import org.jspecify.annotations.Nullable;

/** What members write: plain text, trimmed, with a length in characters (code points). */
final class Texts {

    private Texts() {}

    /** The trimmed text, or 400 naming the field when empty or longer than {@code max}. */
    static String checked(String field, @Nullable String text, int max) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw ProblemException.invalid(field, "must not be empty");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw ProblemException.invalid(field, "at most " + max + " characters");
        }
        if (trimmed.chars().anyMatch(c -> c == 0)) {
            throw ProblemException.invalid(field, "must not contain NUL characters");
        }
        return trimmed;
    }
}

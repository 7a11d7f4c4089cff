package app.dukkan.platform.web;

import org.jspecify.annotations.Nullable;

/**
 * What the shop accepts as text from clients: any Unicode text, multi-line included (tab, line feed,
 * carriage return), but no other control character (C0, DEL, C1) and no lone UTF-16 surrogate. Such
 * characters have no place in names, addresses or descriptions, PostgreSQL refuses NUL outright, and
 * escape sequences in stored text reach terminals and logs.
 */
final class TextInput {

    private TextInput() {}

    /** Why the text is refused, or null when it is acceptable. Never repeats the text itself. */
    static @Nullable String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text (found a lone surrogate U+%04X)".formatted((int) c);
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters (found U+%04X)".formatted((int) c);
            }
        }
        return null;
    }
}

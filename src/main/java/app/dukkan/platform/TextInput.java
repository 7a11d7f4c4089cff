package app.dukkan.platform;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * What the shop accepts as text from clients: any Unicode text, multi-line included (tab, line feed,
 * carriage return), but no other control character (C0, DEL, C1) and no lone UTF-16 surrogate. Such
 * characters have no place in names, addresses or descriptions, PostgreSQL refuses NUL outright, and
 * escape sequences in stored text reach terminals and logs.
 */
public final class TextInput {

    private TextInput() {}

    /** Why a character is refused: an English pattern whose argument is the character as U+XXXX. */
    public enum Refusal {
        LONE_SURROGATE("must be valid Unicode text (found a lone surrogate {0})"),
        CONTROL_CHARACTER("must not contain control characters (found {0})");

        private final String pattern;

        Refusal(String pattern) {
            this.pattern = pattern;
        }

        /** The English text, in {@link MessageFormat}'s syntax. */
        public String pattern() {
            return pattern;
        }
    }

    /** The first character a text may not hold: why, and the character as U+XXXX. */
    public record RefusedCharacter(Refusal refusal, String codePoint) {

        /** In English, as {@link TextInput#problem} says it. */
        public String message() {
            return new MessageFormat(refusal.pattern(), Locale.ROOT).format(new Object[] {codePoint});
        }
    }

    /** Why the text is refused, or null when it is acceptable. Never repeats the text itself. */
    public static @Nullable String problem(String text) {
        RefusedCharacter refused = refusedCharacter(text);
        return refused == null ? null : refused.message();
    }

    /** The first character the rule refuses, or null when the text is acceptable. */
    public static @Nullable RefusedCharacter refusedCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return new RefusedCharacter(Refusal.LONE_SURROGATE, "U+%04X".formatted((int) c));
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return new RefusedCharacter(Refusal.CONTROL_CHARACTER, "U+%04X".formatted((int) c));
            }
        }
        return null;
    }

    /**
     * Checks every string and field name of a JSON document that a request carried and that was not
     * read through Spring MVC's checked converter (a body kept as it came, e.g. a webhook payload).
     *
     * @param field what the document is called in the refusal, e.g. {@code body}
     * @throws ProblemException 400 naming the path of the first refused text ({@code body.items[2].name})
     */
    public static void check(JsonNode document, String field) {
        Refused refused = firstRefused(document, field);
        if (refused != null) {
            throw ProblemException.invalid(refused.field(), refused.problem());
        }
    }

    /** Whether every string and field name of the document is acceptable text. */
    public static boolean acceptable(JsonNode document) {
        return firstRefused(document, "") == null;
    }

    /**
     * A copy of a document a third party answered, which is kept rather than refused: every NUL and
     * lone surrogate, which PostgreSQL does not store, replaced by U+FFFD. The document itself when it
     * has none.
     */
    public static JsonNode storable(JsonNode document) {
        if (document.isString()) {
            String text = document.asString();
            String kept = storable(text);
            return kept.equals(text) ? document : StringNode.valueOf(kept);
        }
        if (document.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            boolean changed = false;
            for (JsonNode item : document) {
                JsonNode kept = storable(item);
                changed |= kept != item;
                copy.add(kept);
            }
            return changed ? copy : document;
        }
        if (document.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            boolean changed = false;
            for (Map.Entry<String, JsonNode> entry : document.properties()) {
                String name = storable(entry.getKey());
                JsonNode kept = storable(entry.getValue());
                changed |= kept != entry.getValue() || !name.equals(entry.getKey());
                copy.set(name, kept);
            }
            return changed ? copy : document;
        }
        return document;
    }

    /**
     * At most {@code max} UTF-16 characters of the text, for a column or a message with a limit:
     * never half of a surrogate pair (cut one character sooner), which would become a lone surrogate
     * that PostgreSQL cannot store and a page cannot show.
     */
    public static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** As {@link #clip}, and an ellipsis where the text was cut, within the {@code max} characters. */
    public static String abbreviate(String text, int max) {
        return text.length() <= max ? text : clip(text, max - 1) + "…";
    }

    /** The text with every NUL and lone surrogate replaced by U+FFFD. */
    public static String storable(String text) {
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean refused = c == 0 || !pair && Character.isSurrogate(c);
            if (refused && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (kept != null) {
                kept.append(refused ? '\uFFFD' : c);
                if (pair) {
                    kept.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return kept == null ? text : kept.toString();
    }

    private record Refused(String field, String problem) {}

    private static @Nullable Refused firstRefused(JsonNode document, String field) {
        if (document.isString()) {
            String problem = problem(document.asString());
            return problem == null ? null : new Refused(field, problem);
        }
        if (document.isArray()) {
            for (int i = 0; i < document.size(); i++) {
                Refused refused = firstRefused(document.get(i), field + "[" + i + "]");
                if (refused != null) {
                    return refused;
                }
            }
        } else if (document.isObject()) {
            for (Map.Entry<String, JsonNode> entry : document.properties()) {
                String problem = problem(entry.getKey());
                if (problem != null) {
                    return new Refused(field, "keys " + problem);
                }
                Refused refused = firstRefused(entry.getValue(), field + "." + entry.getKey());
                if (refused != null) {
                    return refused;
                }
            }
        }
        return null;
    }
}

package app.dukkan.whatsapp.chat;

import app.dukkan.platform.TextInput;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A customer's message as the conversation understands it: typed text, the id of a tapped reply
 * button or list row (or a template's quick reply), a shared location, or something it cannot read.
 */
public record Inbound(
        Kind kind,
        String text,
        @Nullable String choice,
        @Nullable Location location) {

    /**
     * Characters of a text the conversation reads (WhatsApp allows 65,536; nothing the chat asks for
     * needs more, and every turn reads the text whole).
     */
    static final int MAX_TEXT = 4_096;

    public enum Kind {
        TEXT,
        CHOICE,
        LOCATION,
        UNSUPPORTED
    }

    public record Location(
            double latitude,
            double longitude,
            @Nullable String name,
            @Nullable String address) {}

    /** Reads a Cloud API message object ({@code {"type": "text", "text": {"body": …}}, …}). */
    public static Inbound of(JsonNode message) {
        String type = message.path("type").asString("");
        return switch (type) {
            case "text" ->
                new Inbound(Kind.TEXT, typed(message.path("text").path("body").asString("")), null, null);
            case "interactive" -> {
                JsonNode interactive = message.path("interactive");
                JsonNode reply = interactive.path(interactive.path("type").asString(""));
                String id = reply.path("id").asString("");
                yield id.isEmpty()
                        ? unsupported()
                        : new Inbound(Kind.CHOICE, reply.path("title").asString(id), id, null);
            }
            case "button" -> {
                String payload = message.path("button").path("payload").asString("");
                yield payload.isEmpty()
                        ? unsupported()
                        : new Inbound(
                                Kind.CHOICE, message.path("button").path("text").asString(payload), payload, null);
            }
            case "location" -> {
                JsonNode at = message.path("location");
                yield at.path("latitude").isNumber() && at.path("longitude").isNumber()
                        ? new Inbound(
                                Kind.LOCATION,
                                at.path("address").asString(at.path("name").asString("")),
                                null,
                                new Location(
                                        at.path("latitude").asDouble(),
                                        at.path("longitude").asDouble(),
                                        at.path("name").asString(null),
                                        at.path("address").asString(null)))
                        : unsupported();
            }
            default -> unsupported();
        };
    }

    /**
     * Typed text as the conversation reads it: Arabic-Indic digits as the digits 0-9 that order
     * numbers, postal codes and quantities are matched with, and without the invisible direction and
     * format marks a phone's keyboard may add around a word (a right-to-left mark before STOP),
     * except the joiners that emoji and Persian words need.
     */
    static String typed(String body) {
        String text = TextInput.clip(body, MAX_TEXT);
        StringBuilder read = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= '٠' && c <= '٩') {
                read.append((char) ('0' + c - '٠'));
            } else if (c >= '۰' && c <= '۹') {
                read.append((char) ('0' + c - '۰'));
            } else if (Character.getType(c) != Character.FORMAT || c == '\u200C' || c == '\u200D') {
                read.appendCodePoint(c);
            }
        });
        return read.toString();
    }

    private static Inbound unsupported() {
        return new Inbound(Kind.UNSUPPORTED, "", null, null);
    }

    /** What the transcript shows of it. */
    public String summary() {
        return switch (kind) {
            case TEXT -> text;
            case CHOICE -> "[" + text + "]";
            case LOCATION -> "📍 " + (text.isBlank() ? location.latitude() + ", " + location.longitude() : text);
            case UNSUPPORTED -> "(unsupported message)";
        };
    }
}

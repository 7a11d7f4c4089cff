package app.dukkan.whatsapp.chat;

import app.dukkan.automation.connector.WhatsAppCloudApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A message to the customer in the Cloud API's shape, kept within WhatsApp's limits: at most 3
 * reply buttons of 20 characters, lists of at most 10 rows with titles of 24 and descriptions of 72
 * characters, interactive bodies of 1,024 and texts of 4,096 characters. Longer texts are cut with
 * an ellipsis rather than refused by Meta.
 *
 * @param summary what the console's transcript shows of it
 * @param template an approved template (may be sent outside the 24-hour window)
 * @param evenAfterOptOut the confirmation of an opt-out, the one message sent to a customer who opted out
 */
public record Reply(String type, Map<String, Object> content, String summary, boolean template, boolean evenAfterOptOut)
        implements WhatsAppCloudApi.Message {

    public static final int MAX_BUTTONS = 3;
    public static final int MAX_ROWS = 10;
    static final int BUTTON_TITLE = 20;
    static final int ROW_TITLE = 24;
    static final int ROW_DESCRIPTION = 72;
    static final int INTERACTIVE_BODY = 1024;
    static final int TEXT_BODY = 4096;

    /** A button or a list row: what the customer taps, and the id their reply carries back. */
    public record Choice(String id, String title, @Nullable String description) {
        public Choice(String id, String title) {
            this(id, title, null);
        }
    }

    public static Reply text(String body) {
        String text = cut(body, TEXT_BODY);
        return new Reply("text", Map.of("body", text, "preview_url", text.contains("https://")), text, false, false);
    }

    /** Reply buttons, optionally under a picture. */
    public static Reply buttons(String body, @Nullable String imageUrl, List<Choice> choices) {
        if (choices.isEmpty() || choices.size() > MAX_BUTTONS) {
            throw new IllegalArgumentException("1 to " + MAX_BUTTONS + " buttons");
        }
        List<Map<String, Object>> buttons = new ArrayList<>();
        for (Choice choice : choices) {
            buttons.add(Map.of(
                    "type", "reply", "reply", Map.of("id", choice.id(), "title", cut(choice.title(), BUTTON_TITLE))));
        }
        Map<String, Object> interactive = new LinkedHashMap<>();
        interactive.put("type", "button");
        if (imageUrl != null) {
            interactive.put("header", Map.of("type", "image", "image", Map.of("link", imageUrl)));
        }
        String text = cut(body, INTERACTIVE_BODY);
        interactive.put("body", Map.of("text", text));
        interactive.put("action", Map.of("buttons", buttons));
        return new Reply("interactive", interactive, text + titles(choices), false, false);
    }

    /** A list behind a button: at most {@link #MAX_ROWS} rows in all. */
    public static Reply list(String body, String buttonLabel, String sectionTitle, List<Choice> rows) {
        if (rows.isEmpty() || rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException("1 to " + MAX_ROWS + " rows");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Choice row : rows) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", row.id());
            item.put("title", cut(row.title(), ROW_TITLE));
            if (row.description() != null && !row.description().isBlank()) {
                item.put("description", cut(row.description(), ROW_DESCRIPTION));
            }
            items.add(item);
        }
        String text = cut(body, INTERACTIVE_BODY);
        Map<String, Object> interactive = new LinkedHashMap<>();
        interactive.put("type", "list");
        interactive.put("body", Map.of("text", text));
        interactive.put(
                "action",
                Map.of(
                        "button",
                        cut(buttonLabel, BUTTON_TITLE),
                        "sections",
                        List.of(Map.of("title", cut(sectionTitle, ROW_TITLE), "rows", items))));
        return new Reply("interactive", interactive, text + titles(rows), false, false);
    }

    /** An approved template with body parameters, for news outside the 24-hour window. */
    public static Reply template(String name, String language, List<String> parameters, String summary) {
        List<Map<String, Object>> values = parameters.stream()
                .map(value -> Map.<String, Object>of("type", "text", "text", value))
                .toList();
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", name);
        template.put("language", Map.of("code", language));
        if (!values.isEmpty()) {
            template.put("components", List.of(Map.of("type", "body", "parameters", values)));
        }
        return new Reply("template", template, summary, true, false);
    }

    /** This message, sent even though the customer opted out (the opt-out's confirmation). */
    public Reply sentEvenAfterOptOut() {
        return new Reply(type, content, summary, template, true);
    }

    /** The choices a customer could tap in this reply, by id (the simulator shows them as buttons). */
    @SuppressWarnings("unchecked")
    public static List<Choice> choices(Map<String, Object> content) {
        List<Choice> choices = new ArrayList<>();
        Object action = content.get("action");
        if (!(action instanceof Map<?, ?> map)) {
            return choices;
        }
        if (map.get("buttons") instanceof List<?> buttons) {
            for (Object button : buttons) {
                Map<String, Object> reply = (Map<String, Object>) ((Map<String, Object>) button).get("reply");
                choices.add(new Choice((String) reply.get("id"), (String) reply.get("title")));
            }
        }
        if (map.get("sections") instanceof List<?> sections) {
            for (Object section : sections) {
                for (Object row : (List<?>) ((Map<String, Object>) section).get("rows")) {
                    Map<String, Object> item = (Map<String, Object>) row;
                    choices.add(new Choice(
                            (String) item.get("id"), (String) item.get("title"), (String) item.get("description")));
                }
            }
        }
        return choices;
    }

    /** The text, at most {@code max} characters, cut with an ellipsis. */
    public static String cut(String text, int max) {
        String trimmed = text.strip();
        if (trimmed.codePointCount(0, trimmed.length()) <= max) {
            return trimmed;
        }
        int end = trimmed.offsetByCodePoints(0, max - 1);
        return trimmed.substring(0, end).stripTrailing() + "…";
    }

    private static String titles(List<Choice> choices) {
        return choices.stream().map(c -> "[" + c.title() + "]").collect(Collectors.joining(" ", "\n", ""));
    }
}

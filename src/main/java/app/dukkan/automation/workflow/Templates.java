package app.dukkan.automation.workflow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step inputs with templates: {@code {{trigger.order.number}}} is replaced by that field of the
 * run's context ({@code trigger}, {@code steps.<id>.output…}, {@code run.id}, {@code workflow.key}).
 * A string that is one template alone takes the field's value as it is (a number stays a number, an
 * object an object); a template inside other text is written as text. A missing field is null, or
 * empty inside text. No expressions, no code: a template names a field and nothing else. In the
 * input fields a connector names as URLs, a value written inside text is percent-encoded, so that a
 * customer's text in {@code https://erp.example/orders/{{trigger.note}}} stays one path segment or
 * query value and cannot add a path, a query parameter or a fragment of its own.
 */
public final class Templates {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
    private static final Pattern SEGMENTS = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

    private Templates() {}

    /** Where a template refers to a field: the JSON path of the value holding it, and the field. */
    public record Reference(String at, String path) {}

    /** Every template in {@code value}; {@code at} is the value's own path (e.g. {@code steps[0].input}). */
    public static List<Reference> references(JsonNode value, String at) {
        List<Reference> found = new ArrayList<>();
        collect(value, at, found);
        return found;
    }

    private static void collect(JsonNode value, String at, List<Reference> found) {
        if (value.isString()) {
            String text = value.asString();
            Matcher matcher = TEMPLATE.matcher(text);
            while (matcher.find()) {
                found.add(new Reference(at, matcher.group(1)));
            }
            if (matcher.reset().replaceAll("").contains("{{")) {
                // an opening brace pair that is not a template: reported as a malformed reference
                found.add(new Reference(at, text));
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                collect(field.getValue(), at + "." + field.getKey(), found);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                collect(value.get(i), at + "[" + i + "]", found);
            }
        }
    }

    /** Whether {@code path} is a well-formed field path (words joined by dots). */
    public static boolean wellFormed(String path) {
        return SEGMENTS.matcher(path).matches();
    }

    /** {@code value} with every template filled from {@code context}. */
    public static JsonNode render(JsonNode value, JsonNode context) {
        return render(value, context, Set.of());
    }

    /**
     * {@code input} with every template filled from {@code context}, values written into the text of
     * its top-level fields named in {@code urlFields} percent-encoded.
     */
    public static JsonNode render(JsonNode input, JsonNode context, Set<String> urlFields) {
        if (urlFields.isEmpty() || !input.isObject()) {
            return render(input, context, false);
        }
        ObjectNode rendered = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : input.properties()) {
            rendered.set(field.getKey(), render(field.getValue(), context, urlFields.contains(field.getKey())));
        }
        return rendered;
    }

    private static JsonNode render(JsonNode value, JsonNode context, boolean url) {
        if (value.isString()) {
            String text = value.asString();
            Matcher whole = TEMPLATE.matcher(text);
            if (whole.matches()) {
                JsonNode found = lookup(context, whole.group(1));
                return found.isMissingNode() ? JsonNodeFactory.instance.nullNode() : found;
            }
            Matcher matcher = TEMPLATE.matcher(text);
            if (!matcher.find()) {
                return value;
            }
            StringBuilder rendered = new StringBuilder();
            matcher.reset();
            while (matcher.find()) {
                JsonNode found = lookup(context, matcher.group(1));
                String replacement = found.isMissingNode() || found.isNull()
                        ? ""
                        : found.isValueNode() ? found.asString() : found.toString();
                if (url) {
                    replacement = urlEncoded(replacement);
                }
                matcher.appendReplacement(rendered, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(rendered);
            return JsonNodeFactory.instance.stringNode(rendered.toString());
        }
        if (value.isObject()) {
            ObjectNode rendered = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                rendered.set(field.getKey(), render(field.getValue(), context, url));
            }
            return rendered;
        }
        if (value.isArray()) {
            ArrayNode rendered = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : value) {
                rendered.add(render(item, context, url));
            }
            return rendered;
        }
        return value;
    }

    /**
     * A value as a template writes it into a URL's text: percent-encoded, a dot segment too ({@code
     * ..} would climb out of the template's path).
     */
    public static String urlEncoded(String value) {
        return value.equals(".") || value.equals("..")
                ? value.replace(".", "%2E")
                : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The field at a dotted path (array items by index), or a missing node. */
    public static JsonNode lookup(JsonNode context, String path) {
        JsonNode node = context;
        for (String segment : path.split("\\.")) {
            if (node.isArray() && segment.chars().allMatch(Character::isDigit) && segment.length() < 6) {
                node = node.path(Integer.parseInt(segment));
            } else {
                node = node.path(segment);
            }
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }
}

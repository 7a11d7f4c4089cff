package app.dukkan.admin.automation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The manual trigger form of a workflow, generated from its definition's {@code input} schema: a
 * field for each top-level property (a text, email or number input, a checkbox, a list of the
 * enum's values, or a JSON text area for objects and arrays). What was typed becomes the payload;
 * the workflow's own schema check then decides, and its problems are put back next to their fields.
 * Without an input schema (or one that is not an object with properties) the form is a single
 * JSON text area.
 */
final class TriggerForm {

    /** Request parameters of the fields are prefixed, so they never meet the form's own ones. */
    static final String PREFIX = "field.";

    /** The parameter of the JSON text area of a workflow without fields. */
    static final String PAYLOAD = "payload";

    private static final Pattern REQUIRED = Pattern.compile("required property '([^']+)'");

    /** How a field is shown: {@code text}, {@code email}, {@code number}, {@code checkbox}, {@code select}, {@code json}. */
    record Field(
            String name,
            String kind,
            boolean required,
            @Nullable String description,
            @Nullable String step,
            List<String> options,
            String value) {

        /** The id of the field's element on the page. */
        public String id() {
            return "trigger-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
        }

        public String param() {
            return PREFIX + name;
        }

        public boolean checked() {
            return value.equals("true");
        }
    }

    /** A typed field's input that could not be read, by field name: a message key. */
    record Parsed(ObjectNode payload, Map<String, String> errors) {}

    private final List<Field> fields;
    private final @Nullable JsonNode properties;

    private TriggerForm(List<Field> fields, @Nullable JsonNode properties) {
        this.fields = fields;
        this.properties = properties;
    }

    /** The form of a definition, its fields empty (a checkbox unchecked). */
    static TriggerForm of(JsonNode definition) {
        return of(definition, Map.of());
    }

    /** The form of a definition with the values as typed (parameters without the prefix). */
    static TriggerForm of(JsonNode definition, Map<String, String> typed) {
        JsonNode input = definition.get("input");
        JsonNode properties = input == null ? null : input.get("properties");
        if (properties == null || !properties.isObject() || properties.isEmpty()) {
            return new TriggerForm(List.of(), null);
        }
        Set<String> required = new LinkedHashSet<>();
        JsonNode names = input.get("required");
        if (names != null && names.isArray()) {
            names.valueStream().filter(JsonNode::isString).forEach(name -> required.add(name.asString()));
        }
        // required fields first, in the order the schema lists them (stored definitions do not keep
        // the order properties were written in), then the others
        List<String> order = new ArrayList<>();
        required.stream().filter(properties::has).forEach(order::add);
        properties.propertyNames().stream()
                .filter(name -> !required.contains(name))
                .forEach(order::add);
        List<Field> fields = new ArrayList<>();
        for (String name : order) {
            Map.Entry<String, JsonNode> property = Map.entry(name, properties.get(name));
            JsonNode schema = property.getValue();
            String kind = kind(schema);
            List<String> options = new ArrayList<>();
            if (kind.equals("select")) {
                schema.get("enum").valueStream().forEach(value -> options.add(text(value)));
            }
            JsonNode description = schema.get("description");
            String step = null;
            if (kind.equals("number")) {
                String type = type(schema);
                step = "integer".equals(type) ? "1" : "any";
            }
            fields.add(new Field(
                    property.getKey(),
                    kind,
                    required.contains(property.getKey()),
                    description != null && description.isString() ? description.asString() : null,
                    step,
                    List.copyOf(options),
                    typed.getOrDefault(property.getKey(), "")));
        }
        return new TriggerForm(List.copyOf(fields), properties);
    }

    public List<Field> fields() {
        return fields;
    }

    public boolean generated() {
        return !fields.isEmpty();
    }

    /**
     * The payload of what was typed: an empty field is left out (a missing required one is then
     * named by the schema check), an unchecked box is false; text a number or JSON field cannot
     * read is an error of that field.
     */
    Parsed parse(JsonMapper json) {
        ObjectNode payload = json.createObjectNode();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Field field : fields) {
            String value = field.value().strip();
            JsonNode schema = properties == null ? null : properties.get(field.name());
            switch (field.kind()) {
                case "checkbox" -> payload.put(field.name(), field.checked());
                case "number" -> {
                    if (value.isEmpty()) {
                        continue;
                    }
                    try {
                        BigDecimal number = new BigDecimal(value);
                        if ("1".equals(field.step())) {
                            payload.put(field.name(), number.toBigIntegerExact());
                        } else {
                            payload.put(field.name(), number);
                        }
                    } catch (NumberFormatException | ArithmeticException e) {
                        errors.put(
                                field.name(),
                                "1".equals(field.step())
                                        ? "console.workflows.trigger.error.integer"
                                        : "console.workflows.trigger.error.number");
                    }
                }
                case "select" -> {
                    if (value.isEmpty() || schema == null) {
                        continue;
                    }
                    JsonNode chosen = schema.get("enum")
                            .valueStream()
                            .filter(option -> text(option).equals(field.value()))
                            .findFirst()
                            .orElse(null);
                    if (chosen == null) {
                        errors.put(field.name(), "console.workflows.trigger.error.option");
                    } else {
                        payload.set(field.name(), chosen);
                    }
                }
                case "json" -> {
                    if (value.isEmpty()) {
                        continue;
                    }
                    try {
                        payload.set(field.name(), json.readTree(value));
                    } catch (JacksonException e) {
                        errors.put(field.name(), "console.workflows.error.malformed");
                    }
                }
                default -> {
                    if (!field.value().isEmpty()) {
                        payload.put(field.name(), field.value());
                    }
                }
            }
        }
        return new Parsed(payload, errors);
    }

    /**
     * The field a problem of the schema check belongs to: the first segment of its path, or for a
     * missing property at the top the property it names; null for a problem of the whole payload.
     */
    @Nullable
    String fieldOf(String path, String message) {
        String name = null;
        if (path.isEmpty() || path.equals("$")) {
            Matcher required = REQUIRED.matcher(message);
            if (required.find()) {
                name = required.group(1);
            }
        } else {
            name = path.split("[.\\[]", 2)[0];
        }
        String found = name;
        return fields.stream().anyMatch(field -> field.name().equals(found)) ? found : null;
    }

    private static String kind(JsonNode schema) {
        if (schema.has("enum")
                && schema.get("enum").isArray()
                && !schema.get("enum").isEmpty()) {
            return "select";
        }
        String type = type(schema);
        if (type == null) {
            return "json";
        }
        return switch (type) {
            case "string" -> {
                JsonNode format = schema.get("format");
                yield format != null && format.isString() && format.asString().equals("email") ? "email" : "text";
            }
            case "number", "integer" -> "number";
            case "boolean" -> "checkbox";
            default -> "json";
        };
    }

    /** The schema's type; of a list of types the first that is not null. */
    private static @Nullable String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        if (type.isString()) {
            return type.asString();
        }
        if (type.isArray()) {
            return type.valueStream()
                    .filter(JsonNode::isString)
                    .map(JsonNode::asString)
                    .filter(name -> !name.equals("null"))
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }
}

package app.dukkan.automation.workflow;

import java.math.BigDecimal;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A step's {@code when}: {@code {"path": "trigger.total.amount", "op": "gte", "value": 100}},
 * combined with {@code all}, {@code any} and {@code not}. Comparisons of numbers are numeric, of
 * anything else textual; {@code gt}/{@code lt} of a missing field are false.
 */
public final class Conditions {

    private Conditions() {}

    public static boolean holds(JsonNode condition, JsonNode context) {
        if (condition.has("all")) {
            for (JsonNode part : condition.get("all")) {
                if (!holds(part, context)) {
                    return false;
                }
            }
            return true;
        }
        if (condition.has("any")) {
            for (JsonNode part : condition.get("any")) {
                if (holds(part, context)) {
                    return true;
                }
            }
            return false;
        }
        if (condition.has("not")) {
            return !holds(condition.get("not"), context);
        }
        JsonNode actual = Templates.lookup(context, condition.get("path").asString());
        JsonNode expected = condition.path("value");
        return switch (condition.get("op").asString()) {
            case "exists" -> !actual.isMissingNode() && !actual.isNull();
            case "eq" -> same(actual, expected);
            case "ne" -> !same(actual, expected);
            case "gt" -> compare(actual, expected) > 0;
            case "gte" -> compare(actual, expected) >= 0 && comparable(actual, expected);
            case "lt" -> compare(actual, expected) < 0 && comparable(actual, expected);
            case "lte" -> compare(actual, expected) <= 0 && comparable(actual, expected);
            case "in" -> expected.isArray() && contains(expected, actual);
            case "contains" ->
                actual.isArray()
                        ? contains(actual, expected)
                        : actual.isString()
                                && expected.isValueNode()
                                && actual.asString().contains(expected.asString());
            default -> false;
        };
    }

    /** Every field path the condition reads, for the checks made when a workflow is saved. */
    public static void paths(JsonNode condition, Consumer<String> path) {
        for (String combinator : new String[] {"all", "any"}) {
            if (condition.has(combinator)) {
                condition.get(combinator).forEach(part -> paths(part, path));
                return;
            }
        }
        if (condition.has("not")) {
            paths(condition.get("not"), path);
            return;
        }
        path.accept(condition.get("path").asString());
    }

    private static boolean contains(JsonNode array, JsonNode item) {
        for (JsonNode element : array) {
            if (same(element, item)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        if (a.isMissingNode() || a.isNull()) {
            return b.isMissingNode() || b.isNull();
        }
        return a.isValueNode() && b.isValueNode() ? a.asString().equals(b.asString()) : a.equals(b);
    }

    private static boolean comparable(JsonNode a, JsonNode b) {
        return !a.isMissingNode() && !a.isNull() && !b.isMissingNode() && !b.isNull();
    }

    /** Missing or null sorts below everything, so that {@code gt} of a missing field is false. */
    private static int compare(JsonNode a, JsonNode b) {
        if (!comparable(a, b)) {
            return -1;
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.asString().compareTo(b.asString());
    }

    /** A JSON number, or a string holding a plain decimal (amounts often travel as strings). */
    private static @Nullable BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString() && node.asString().matches("-?\\d{1,30}(\\.\\d{1,30})?")) {
            return new BigDecimal(node.asString());
        }
        return null;
    }
}

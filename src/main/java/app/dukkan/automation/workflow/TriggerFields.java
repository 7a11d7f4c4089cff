package app.dukkan.automation.workflow;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The fields a trigger's payload has, for the check that a workflow's templates and conditions name
 * only fields that exist: a store event's fields are fixed, a schedule's too, a webhook's are those
 * its input schema declares.
 */
final class TriggerFields {

    /** The payload of each store event a workflow can start on; nested fields are dotted. */
    static final Map<String, List<String>> EVENTS = Map.of(
            "order.paid", List.of("orderId", "number", "email", "customerId", "total.amount", "total.currency"),
            "order.fulfilled", List.of("orderId", "number", "email"),
            "order.refunded",
                    List.of("orderId", "number", "email", "amount.amount", "amount.currency", "full", "chargeback"),
            "order.cancelled", List.of("orderId", "number", "email", "reason", "refunded.amount", "refunded.currency"),
            "stock.low", List.of("productId", "variantId", "available"),
            "user.registered", List.of("userId", "email", "locale"),
            "review.published", List.of("reviewId", "productId", "authorId", "rating"),
            "post.published", List.of("postId", "authorId", "taggedProducts"),
            "post.flagged", List.of("kind", "id", "authorId", "reason", "hidden", "rules"));

    /** What a scheduled run's payload holds: the planned time, its date in the workflow's zone, the zone. */
    static final List<String> CRON = List.of("scheduledAt", "date", "zone");

    /** Fields every run's context has besides the trigger's and the steps'. */
    static final Set<String> RUN = Set.of("run.id", "workflow.key", "workflow.version");

    private TriggerFields() {}

    /** Whether {@code path} (below {@code trigger.}) names a field of the definition's trigger payload. */
    static boolean known(WorkflowDefinition.Trigger trigger, @Nullable JsonNode input, String path) {
        if (trigger instanceof WorkflowDefinition.Event event) {
            return within(EVENTS.getOrDefault(event.event(), List.of()), path);
        }
        if (trigger instanceof WorkflowDefinition.Cron) {
            return within(CRON, path);
        }
        return input != null && declared(input, path.split("\\."), 0);
    }

    private static boolean within(List<String> fields, String path) {
        return fields.stream().anyMatch(field -> field.equals(path) || field.startsWith(path + "."));
    }

    /**
     * Whether a schema declares the field: through {@code properties}, array {@code items} (an index
     * segment), or any object it leaves open ({@code additionalProperties} not false and no {@code
     * properties}).
     */
    private static boolean declared(JsonNode schema, String[] segments, int at) {
        if (at == segments.length) {
            return true;
        }
        String segment = segments[at];
        JsonNode properties = schema.path("properties");
        if (properties.has(segment)) {
            return declared(properties.get(segment), segments, at + 1);
        }
        if (schema.has("items") && segment.chars().allMatch(Character::isDigit)) {
            return declared(schema.get("items"), segments, at + 1);
        }
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            return declared(additional, segments, at + 1);
        }
        return properties.isMissingNode()
                && !additional.isBoolean()
                && "object".equals(schema.path("type").asString());
    }
}

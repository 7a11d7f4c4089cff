package app.dukkan.automation.workflow;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workflow's definition as saved: what starts it, the schema of a webhook's payload and its steps.
 * Read from JSON that has passed the published schema.
 */
public record WorkflowDefinition(
        String name, Trigger trigger, @Nullable JsonNode input, List<Step> steps) {

    public sealed interface Trigger permits Webhook, Cron, Event {

        String type();
    }

    public record Webhook() implements Trigger {
        @Override
        public String type() {
            return "webhook";
        }
    }

    /** A six-field cron expression evaluated in a time zone. */
    public record Cron(String expression, ZoneId zone) implements Trigger {
        @Override
        public String type() {
            return "cron";
        }
    }

    /** A store event such as {@code order.paid}. */
    public record Event(String event) implements Trigger {
        @Override
        public String type() {
            return "event";
        }
    }

    /**
     * One connector call, or one per item of a list.
     *
     * @param input the connector's inputs, whose strings may hold templates
     * @param when a condition over the trigger and earlier steps; the step is skipped when it is false
     *     (with {@code forEach}: asked of each item, which is skipped when it is false)
     * @param forEach the path of a list in the run: the connector is called once per item, which
     *     templates and the condition name {@code item}
     */
    public record Step(
            String id,
            String connector,
            ObjectNode input,
            @Nullable JsonNode when,
            @Nullable String forEach) {}

    /** Reads a definition that matched the schema (the zone was checked to exist by then). */
    static WorkflowDefinition read(JsonNode json) {
        JsonNode trigger = json.get("trigger");
        Trigger parsed = switch (trigger.get("type").asString()) {
            case "cron" ->
                new Cron(
                        trigger.get("cron").asString(),
                        ZoneId.of(trigger.get("zone").asString()));
            case "event" -> new Event(trigger.get("event").asString());
            default -> new Webhook();
        };
        List<Step> steps = new ArrayList<>();
        for (JsonNode step : json.get("steps")) {
            steps.add(new Step(
                    step.get("id").asString(),
                    step.get("connector").asString(),
                    (ObjectNode) step.get("input"),
                    step.get("when"),
                    step.hasNonNull("forEach") ? step.get("forEach").asString() : null));
        }
        return new WorkflowDefinition(json.get("name").asString(), parsed, json.get("input"), List.copyOf(steps));
    }
}

package app.dukkan.automation.run;

import app.dukkan.automation.connector.Connector;
import app.dukkan.automation.workflow.Templates;
import app.dukkan.automation.workflow.WorkflowDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a run's log lines must not hold: the values of the output fields its connectors keep out of
 * logs ({@link Connector#unloggedOutputs()}, a document's signed link), which whoever reads the logs
 * could use. A step's own line leaves those fields out; a later step's templates may copy such a
 * value into its input (a Slack text, an ERP body, percent-encoded into a URL), and from there into
 * an error or an answer, so the lines after it write the field's marker wherever the value appears.
 */
final class Unlogged {

    private record Secret(String value, String marker) {}

    /** Longest first: one value may start another (a list step's {@code item.1} and {@code item.10}). */
    private final List<Secret> secrets;

    private Unlogged(List<Secret> secrets) {
        this.secrets = secrets;
    }

    /** The unlogged values of the steps that have a result in {@code context} ({@code steps.<id>.output}). */
    static Unlogged of(WorkflowDefinition definition, JsonNode context, Map<String, Connector> connectors) {
        List<Secret> secrets = new ArrayList<>();
        for (WorkflowDefinition.Step step : definition.steps()) {
            Connector connector = connectors.get(step.connector());
            if (connector == null || connector.unloggedOutputs().isEmpty()) {
                continue;
            }
            JsonNode output = context.path("steps").path(step.id()).path("output");
            List<JsonNode> outputs = new ArrayList<>(List.of(output));
            output.path("items").forEach(item -> outputs.add(item.path("output")));
            connector
                    .unloggedOutputs()
                    .forEach((field, marker) -> outputs.stream()
                            .map(each -> each.path(field))
                            .filter(value ->
                                    value.isString() && !value.asString().isEmpty())
                            .forEach(value -> {
                                secrets.add(new Secret(value.asString(), marker));
                                secrets.add(new Secret(Templates.urlEncoded(value.asString()), marker));
                            }));
        }
        secrets.sort(Comparator.comparingInt((Secret secret) -> secret.value().length())
                .reversed());
        return new Unlogged(secrets);
    }

    /** A step's output as its own log line keeps it: without the fields, also in each item's output of a list step. */
    static JsonNode withoutFields(JsonNode output, Set<String> fields) {
        if (fields.isEmpty() || !(output instanceof ObjectNode object)) {
            return output;
        }
        ObjectNode copy = object.deepCopy();
        copy.remove(fields);
        if (copy.get("items") instanceof ArrayNode items) {
            for (JsonNode item : items) {
                if (item.get("output") instanceof ObjectNode itemOutput) {
                    itemOutput.remove(fields);
                }
            }
        }
        return copy;
    }

    String mask(String text) {
        String masked = text;
        for (Secret secret : secrets) {
            masked = masked.replace(secret.value(), secret.marker());
        }
        return masked;
    }

    /** The value with the unlogged values in its strings replaced. */
    JsonNode mask(JsonNode value) {
        if (secrets.isEmpty()) {
            return value;
        }
        if (value.isString()) {
            return JsonNodeFactory.instance.stringNode(mask(value.asString()));
        }
        if (value.isObject()) {
            ObjectNode masked = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(field -> masked.set(field.getKey(), mask(field.getValue())));
            return masked;
        }
        if (value.isArray()) {
            ArrayNode masked = JsonNodeFactory.instance.arrayNode();
            value.forEach(item -> masked.add(mask(item)));
            return masked;
        }
        return value;
    }
}

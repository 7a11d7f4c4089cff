package app.dukkan.automation.run;

import app.dukkan.automation.Workflow;
import app.dukkan.automation.Workflows.TestStep;
import app.dukkan.automation.connector.Connector;
import app.dukkan.automation.connector.StepCall;
import app.dukkan.automation.connector.StepResult;
import app.dukkan.automation.workflow.Conditions;
import app.dukkan.automation.workflow.Templates;
import app.dukkan.automation.workflow.WorkflowDefinition;
import app.dukkan.automation.workflow.WorkflowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test run: every step's condition, filled-in input and what its connector would do, computed now
 * without side effects (connectors called with {@code dryRun}) and without storing anything.
 */
@Component
class DryRun {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** A test run shows a list step's first items only. */
    private static final int TEST_ITEMS = 20;

    private final WorkflowStore workflows;
    private final Map<String, Connector> connectors;
    private final JsonMapper json;

    DryRun(WorkflowStore workflows, List<Connector> connectors, JsonMapper json) {
        this.workflows = workflows;
        this.connectors = connectors.stream().collect(Collectors.toMap(Connector::type, Function.identity()));
        this.json = json;
    }

    List<TestStep> run(Workflow workflow, JsonNode payload) {
        WorkflowDefinition definition =
                workflows.version(workflow.id(), workflow.version()).definition();
        UUID runId = new UUID(0, 0);
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.set("trigger", payload);
        ObjectNode steps = context.putObject("steps");
        context.putObject("run").put("id", runId.toString());
        context.putObject("workflow").put("key", workflow.key()).put("version", workflow.version());
        List<TestStep> outcomes = new ArrayList<>();
        for (WorkflowDefinition.Step step : definition.steps()) {
            if (step.forEach() == null && step.when() != null && !Conditions.holds(step.when(), context)) {
                outcomes.add(new TestStep(step.id(), step.connector(), "skipped", null, null, null));
                continue;
            }
            JsonNode input = step.forEach() == null ? input(step, context) : null;
            try {
                JsonNode output = step.forEach() == null ? call(runId, step, input) : each(runId, step, context);
                steps.putObject(step.id()).set("output", output);
                outcomes.add(new TestStep(step.id(), step.connector(), "succeeded", input, output, null));
            } catch (RuntimeException e) {
                outcomes.add(new TestStep(step.id(), step.connector(), "failed", input, null, e.getMessage()));
                break;
            }
        }
        return outcomes;
    }

    private JsonNode input(WorkflowDefinition.Step step, JsonNode context) {
        return Templates.render(
                step.input(), context, connectors.get(step.connector()).urlInputs());
    }

    private JsonNode call(UUID runId, WorkflowDefinition.Step step, JsonNode input) {
        StepResult result = connectors
                .get(step.connector())
                .call(new StepCall(
                        runId, step.id(), "test:" + step.id(), json.convertValue(input, MAP), "whsec_test", true));
        return json.valueToTree(result.output());
    }

    /** A step with {@code forEach}: what it would do for each of the first {@value #TEST_ITEMS} items. */
    private JsonNode each(UUID runId, WorkflowDefinition.Step step, ObjectNode context) {
        JsonNode list = Templates.lookup(context, step.forEach());
        if (!list.isArray()) {
            throw new IllegalArgumentException("forEach: " + step.forEach() + " is not a list");
        }
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < Math.min(list.size(), TEST_ITEMS); i++) {
            context.set("item", list.get(i));
            if (step.when() != null && !Conditions.holds(step.when(), context)) {
                items.addObject().put("skipped", true);
            } else {
                items.addObject().set("output", call(runId, step, input(step, context)));
            }
        }
        context.remove("item");
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.set("items", items);
        output.put("count", list.size());
        return output;
    }
}

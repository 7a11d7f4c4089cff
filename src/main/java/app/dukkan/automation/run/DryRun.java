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
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test run: every step's condition, filled-in input and what its connector would do, computed now
 * without side effects (connectors called with {@code dryRun}) and without storing anything.
 */
@Component
class DryRun {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

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
            if (step.when() != null && !Conditions.holds(step.when(), context)) {
                outcomes.add(new TestStep(step.id(), step.connector(), "skipped", null, null, null));
                continue;
            }
            JsonNode input = Templates.render(step.input(), context);
            try {
                StepResult result = connectors
                        .get(step.connector())
                        .call(new StepCall(
                                runId,
                                step.id(),
                                "test:" + step.id(),
                                json.convertValue(input, MAP),
                                "whsec_test",
                                true));
                JsonNode output = json.valueToTree(result.output());
                steps.putObject(step.id()).set("output", output);
                outcomes.add(new TestStep(step.id(), step.connector(), "succeeded", input, output, null));
            } catch (RuntimeException e) {
                outcomes.add(new TestStep(step.id(), step.connector(), "failed", input, null, e.getMessage()));
                break;
            }
        }
        return outcomes;
    }
}

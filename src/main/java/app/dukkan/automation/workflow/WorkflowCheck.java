package app.dukkan.automation.workflow;

import app.dukkan.automation.connector.Connector;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemException.FieldProblem;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Whether a definition can be saved: it matches the published schema, and it makes sense — the
 * schedule parses, step ids are unique, each step's connector exists and takes those inputs, the
 * input schema compiles, and every template and condition names a field the run will have.
 */
@Component
class WorkflowCheck {

    private final JsonSchemas schemas;
    private final Map<String, Connector> connectors;

    WorkflowCheck(JsonSchemas schemas, List<Connector> connectors) {
        this.schemas = schemas;
        this.connectors = connectors.stream().collect(Collectors.toMap(Connector::type, Function.identity()));
    }

    /** The definition read from {@code json}; a 422 problem naming every fault when it cannot be saved. */
    WorkflowDefinition check(JsonNode json) {
        List<FieldProblem> problems = new ArrayList<>(schemas.checkWorkflow(json));
        if (problems.isEmpty()) {
            problems.addAll(meaning(json));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "invalid-workflow",
                    "Invalid workflow",
                    "The workflow does not match its schema (/schemas/workflow.schema.json) or refers to what"
                            + " does not exist: see errors",
                    problems);
        }
        return WorkflowDefinition.read(json);
    }

    private List<FieldProblem> meaning(JsonNode json) {
        List<FieldProblem> problems = new ArrayList<>();
        JsonNode trigger = json.get("trigger");
        if ("cron".equals(trigger.get("type").asString())) {
            try {
                ZoneId.of(trigger.get("zone").asString());
            } catch (DateTimeException e) {
                problems.add(
                        new FieldProblem("trigger.zone", "not a time zone (use an IANA name such as Asia/Riyadh)"));
            }
            try {
                CronExpression.parse(trigger.get("cron").asString());
            } catch (RuntimeException e) {
                problems.add(new FieldProblem(
                        "trigger.cron",
                        "not a cron expression (six fields: second minute hour day month weekday): " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        WorkflowDefinition definition = WorkflowDefinition.read(json);
        if (definition.input() != null) {
            schemas.compile(definition.input(), "input", problems);
        }
        Set<String> earlier = new HashSet<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            WorkflowDefinition.Step step = definition.steps().get(i);
            String at = "steps[" + i + "]";
            if (!earlier.add(step.id())) {
                problems.add(new FieldProblem(at + ".id", "another step has the id '" + step.id() + "'"));
            }
            Connector connector = connectors.get(step.connector());
            if (connector == null) {
                problems.add(new FieldProblem(at + ".connector", "no connector '" + step.connector() + "' here"));
            } else {
                List<FieldProblem> schemaProblems =
                        schemas.check(schemas.connectorInput(connector), step.input(), at + ".input");
                problems.addAll(schemaProblems);
                if (schemaProblems.isEmpty()) {
                    connector.inputProblems(step.input()).stream()
                            .map(problem -> new FieldProblem(at + ".input." + problem.field(), problem.message()))
                            .forEach(problems::add);
                }
            }
            Set<String> before = new HashSet<>(earlier);
            before.remove(step.id());
            boolean each = step.forEach() != null;
            if (each) {
                String problem = unknown(definition, before, step.forEach(), false);
                if (problem != null) {
                    problems.add(new FieldProblem(at + ".forEach", problem));
                }
            }
            for (Templates.Reference reference : Templates.references(step.input(), at + ".input")) {
                String problem = unknown(definition, before, reference.path(), each);
                if (problem != null) {
                    problems.add(new FieldProblem(reference.at(), problem));
                }
            }
            if (step.when() != null) {
                Conditions.paths(step.when(), path -> {
                    String problem = unknown(definition, before, path, each);
                    if (problem != null) {
                        problems.add(new FieldProblem(at + ".when", problem));
                    }
                });
            }
        }
        return problems;
    }

    /**
     * Why a template's or condition's field path cannot be filled, or null when it can; {@code item}
     * (the list's item) only in a step with {@code forEach}, whose items' fields are not known before.
     */
    private static @Nullable String unknown(
            WorkflowDefinition definition, Set<String> earlierSteps, String path, boolean item) {
        if (!Templates.wellFormed(path)) {
            return "'" + path + "' is not a template: write {{trigger.field}} or {{steps.<id>.output.field}}";
        }
        if (TriggerFields.RUN.contains(path)) {
            return null;
        }
        if (path.equals("item") || path.startsWith("item.")) {
            return item ? null : "'" + path + "' names the item of a list: only in a step with forEach";
        }
        String[] segments = path.split("\\.", 3);
        if (segments[0].equals("trigger")) {
            if (segments.length == 1) {
                return null;
            }
            String field = path.substring("trigger.".length());
            return TriggerFields.known(definition.trigger(), definition.input(), field)
                    ? null
                    : "the trigger's payload has no field '" + field + "'"
                            + (definition.trigger() instanceof WorkflowDefinition.Webhook
                                    ? " (declare it in the workflow's input schema)"
                                    : "");
        }
        if (segments[0].equals("steps")) {
            if (segments.length < 2 || !earlierSteps.contains(segments[1])) {
                return "'" + path + "' does not name an earlier step";
            }
            if (segments.length == 3
                    && !segments[2].equals("output")
                    && !segments[2].startsWith("output.")
                    && !segments[2].equals("providerMessageId")) {
                return "a step's fields are output.… and providerMessageId";
            }
            return null;
        }
        return "'" + path + "' is unknown: templates start with trigger., steps., item., run. or workflow.";
    }
}

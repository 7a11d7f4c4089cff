package app.dukkan.automation.workflow;

import app.dukkan.automation.connector.Connector;
import app.dukkan.platform.ProblemException.FieldProblem;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.RegularExpression;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema checks: of workflow definitions against the published schema ({@code
 * /schemas/workflow.schema.json}), and of webhook payloads against a workflow's input schema.
 * Schemas written by operators may only refer within themselves (no fetching of other documents),
 * and their {@code pattern}s run on RE2, in time linear in the input, so no payload can make a
 * check take long.
 */
@Component
public class JsonSchemas {

    /** At most this many problems are reported for one document. */
    private static final int MAX_PROBLEMS = 50;

    private final SchemaRegistry registry;
    private final Schema workflowSchema;
    private final JsonNode workflowSchemaJson;
    private final Map<String, Schema> connectorSchemas = new ConcurrentHashMap<>();

    JsonSchemas(JsonMapper json) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .regularExpressionFactory(JsonSchemas::re2)
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config));
        try (InputStream in = new ClassPathResource("static/schemas/workflow.schema.json").getInputStream()) {
            this.workflowSchemaJson = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.workflowSchema = registry.getSchema(workflowSchemaJson);
    }

    private static RegularExpression re2(String pattern) {
        com.google.re2j.Pattern compiled = com.google.re2j.Pattern.compile(pattern);
        return text -> compiled.matcher(text).find();
    }

    /** The published workflow schema. */
    public JsonNode workflowSchema() {
        return workflowSchemaJson;
    }

    /** Problems of a workflow definition against the published schema; empty when it matches. */
    public List<FieldProblem> checkWorkflow(JsonNode definition) {
        return problems(workflowSchema.validate(definition), "");
    }

    /**
     * Compiles an operator's schema (a workflow's input schema).
     *
     * @return the schema, or empty with the reason added to {@code problems} under {@code at}
     */
    public Optional<Schema> compile(JsonNode schema, String at, List<FieldProblem> problems) {
        String external = externalReference(schema, at);
        if (external != null) {
            problems.add(new FieldProblem(external, "only references within the schema ('#/…') are allowed"));
            return Optional.empty();
        }
        try {
            Schema compiled = registry.getSchema(schema);
            compiled.initializeValidators();
            return Optional.of(compiled);
        } catch (SchemaException | PatternSyntaxException | IllegalArgumentException | ClassCastException e) {
            problems.add(new FieldProblem(at, "not a valid JSON Schema: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** The schema of a connector's step inputs, compiled once. */
    public Schema connectorInput(Connector connector) {
        return connectorSchemas.computeIfAbsent(connector.type(), type -> registry.getSchema(connector.inputSchema()));
    }

    /** Problems of a document against a compiled schema, their fields prefixed with {@code at}. */
    public List<FieldProblem> check(Schema schema, JsonNode document, String at) {
        return problems(schema.validate(document), at);
    }

    private static List<FieldProblem> problems(List<Error> errors, String at) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Error error : errors.subList(0, Math.min(errors.size(), MAX_PROBLEMS))) {
            String location = error.getInstanceLocation().toString();
            String field = location.startsWith("$") ? location.substring(1) : location;
            if (field.startsWith(".")) {
                field = field.substring(1);
            }
            String message = error.getMessage();
            // the validator starts its messages with the location; the field already says it
            if (message.startsWith(location + ": ")) {
                message = message.substring(location.length() + 2);
            }
            String name = at.isEmpty() ? (field.isEmpty() ? "$" : field) : field.isEmpty() ? at : at + "." + field;
            problems.add(new FieldProblem(name, message));
        }
        return problems;
    }

    /** The path of the first {@code $ref}, {@code $dynamicRef} or {@code $id} that leaves the document. */
    private static @Nullable String externalReference(JsonNode node, String at) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if ((key.equals("$ref") || key.equals("$dynamicRef"))
                        && !(value.isString() && value.asString().startsWith("#"))) {
                    return at + "." + key;
                }
                if (key.equals("$id")
                        || key.equals("$schema")
                                && !value.asString().startsWith("https://json-schema.org/draft/2020-12/")) {
                    return at + "." + key;
                }
                String inner = externalReference(value, at + "." + key);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String inner = externalReference(node.get(i), at + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}

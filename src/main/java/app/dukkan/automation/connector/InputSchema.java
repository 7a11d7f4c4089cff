package app.dukkan.automation.connector;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connector's input schema, compiled once: the text {@link Connector#inputSchema()} publishes, and
 * the check of a call's (filled-in) input against it.
 */
final class InputSchema {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final String text;
    private final Schema schema;
    private final JsonMapper json;

    InputSchema(String text, JsonMapper json) {
        this.text = text;
        this.schema = REGISTRY.getSchema(text);
        this.json = json;
    }

    String text() {
        return text;
    }

    /** @throws ConnectorException not retryable, naming each offending path */
    void check(String connector, Map<String, Object> input) {
        JsonNode node = json.valueToTree(input);
        List<Error> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            throw new ConnectorException(
                    connector + " input: "
                            + errors.stream()
                                    .limit(10)
                                    .map(e -> e.getInstanceLocation() + " " + e.getMessage())
                                    .collect(Collectors.joining("; ")),
                    false);
        }
    }
}

package app.dukkan.automation.connector;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connector with its name and input schema: every call's filled-in input is checked against the
 * schema (a refusal no retry can fix) before {@link #perform} sees it.
 */
abstract class CheckedConnector implements Connector {

    private final String type;
    private final InputSchema schema;

    CheckedConnector(String type, String schema, JsonMapper json) {
        this.type = type;
        this.schema = new InputSchema(schema, json);
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final String inputSchema() {
        return schema.text();
    }

    @Override
    public final StepResult call(StepCall call) {
        schema.check(type, call.input());
        return perform(call, call.input());
    }

    /** The call, its input known to match the schema. */
    abstract StepResult perform(StepCall call, Map<String, Object> input);
}

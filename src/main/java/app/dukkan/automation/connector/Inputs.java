package app.dukkan.automation.connector;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reading a step's input after its schema has been checked. */
final class Inputs {

    private Inputs() {}

    static String string(Map<String, Object> input, String name) {
        Object value = input.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new ConnectorException(name + " is required", false);
        }
        return text;
    }

    static @Nullable String optionalString(Map<String, Object> input, String name) {
        Object value = input.get(name);
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    /** A status that may succeed when tried again: timeouts, throttling, the server's own failures. */
    static boolean retryableStatus(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }
}

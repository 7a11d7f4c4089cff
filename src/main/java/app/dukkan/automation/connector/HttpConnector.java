package app.dukkan.automation.connector;

import app.dukkan.automation.secret.Credentials;
import app.dukkan.platform.ProblemException.FieldProblem;
import app.dukkan.platform.TextInput;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code http}: an outgoing webhook. Sends {@code body} as JSON to {@code url} with {@code
 * Idempotency-Key} (the step's key, the same on every attempt) and {@link WebhookSignature#HEADER}
 * (HMAC-SHA256 over timestamp and body with the workflow's signing secret). 2xx succeeds with
 * {@code {status, body}}; 408, 429 and 5xx, timeouts and refused connections are retryable; other
 * answers (4xx, and 3xx: redirects are not followed) are not. A step's {@code credential} names a
 * stored {@code http} credential whose headers (an ERP's {@code Authorization}) are added to the
 * request: the token stays encrypted, out of the workflow's definition, its versions and its logs.
 */
@Component
class HttpConnector extends CheckedConnector {

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "url": {"type": "string", "minLength": 1, "maxLength": 2048},
                "method": {"type": "string", "anyOf": [{"enum": ["POST", "PUT", "PATCH"]}, {"pattern": "\\\\{\\\\{"}]},
                "body": {},
                "credential": {"type": "string", "minLength": 1, "maxLength": 63},
                "headers": {
                  "type": "object",
                  "maxProperties": 20,
                  "propertyNames": {"pattern": "^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$"},
                  "additionalProperties": {"type": "string", "maxLength": 1024}
                }
              },
              "required": ["url"],
              "additionalProperties": false
            }""";

    /** Headers a step may not set, in lower case: they are the connector's or the transport's. */
    static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "content-length",
            "transfer-encoding",
            "connection",
            "content-type",
            "idempotency-key",
            "user-agent",
            WebhookSignature.HEADER.toLowerCase(Locale.ROOT));

    /** Response headers that carry the receiver's id of the request. */
    private static final String[] REQUEST_ID_HEADERS = {"x-request-id", "request-id", "x-message-id", "x-amzn-requestid"
    };

    private final Credentials credentials;
    private final OutboundHttp http;
    private final Breakers breakers;
    private final JsonMapper json;
    private final Clock clock;

    HttpConnector(
            Credentials credentials,
            OutboundHttpClients clients,
            ConnectorProperties properties,
            Breakers breakers,
            JsonMapper json,
            Clock clock) {
        super("http", SCHEMA, json);
        this.credentials = credentials;
        this.http = clients.client(
                properties.http().connectTimeout(),
                properties.http().readTimeout(),
                properties.http().callTimeout());
        this.breakers = breakers;
        this.json = json;
        this.clock = clock;
    }

    /** A step's headers that the connector sets itself, or that another of them names in another case. */
    @Override
    public List<FieldProblem> inputProblems(JsonNode input) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.get("headers") instanceof ObjectNode given) {
            Set<String> seen = new HashSet<>();
            for (String name : given.propertyNames()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (RESERVED_HEADERS.contains(lower)) {
                    problems.add(new FieldProblem("headers." + name, reserved(name)));
                } else if (!seen.add(lower)) {
                    problems.add(new FieldProblem("headers." + name, duplicate(name)));
                }
            }
        }
        return problems;
    }

    private static String reserved(String name) {
        return name + " is set by the connector, not by a step";
    }

    private static String duplicate(String name) {
        return name + " is named twice (header names ignore case)";
    }

    @Override
    public Set<String> urlInputs() {
        return Set.of("url");
    }

    @Override
    StepResult perform(StepCall call, Map<String, Object> input) {
        String url = Inputs.string(input, "url");
        String method = Inputs.optionalString(input, "method") == null
                ? "POST"
                : Inputs.string(input, "method").toUpperCase(Locale.ROOT);
        if (!Set.of("POST", "PUT", "PATCH").contains(method)) {
            throw new ConnectorException("method must be POST, PUT or PATCH", false);
        }
        if (call.signingSecret().isBlank()) {
            throw new ConnectorException("the workflow has no signing secret for outgoing webhooks", false);
        }
        URI uri = http.check(url);
        byte[] body = body(input.get("body"));
        Map<String, String> headers = headers(input.get("headers"));
        String credential = Inputs.optionalString(input, "credential");
        Map<String, String> secret = credential == null ? Map.of() : credentialHeaders(credential);
        // the credential's headers win over a step's own of the same name, in any case
        headers.keySet().removeAll(secret.keySet());
        headers.putAll(secret);
        headers.put("Content-Type", "application/json");
        headers.put("Idempotency-Key", call.idempotencyKey());
        headers.put(WebhookSignature.HEADER, WebhookSignature.sign(call.signingSecret(), clock.instant(), body));
        headers.put("User-Agent", "Dukkan-Automation/1");
        if (call.dryRun()) {
            Map<String, Object> wouldSend = new LinkedHashMap<>();
            wouldSend.put("method", method);
            wouldSend.put("url", url);
            Map<String, String> shown = named(headers);
            secret.keySet().forEach(name -> shown.put(name, "[credential " + credential + "]"));
            wouldSend.put("headers", shown);
            wouldSend.put("body", input.get("body") == null ? "" : input.get("body"));
            return new StepResult(Map.of("wouldSend", wouldSend), null);
        }
        String target = "http:" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
        OutboundHttp.Response response = breakers.call(target, () -> {
            OutboundHttp.Response answer = http.send(method, url, headers, body, "application/json");
            if (answer.status() >= 200 && answer.status() < 300) {
                return answer;
            }
            String what = target.substring(5) + " answered " + answer.status()
                    + (answer.status() >= 300 && answer.status() < 400 ? " (redirects are not followed)" : "");
            throw new ConnectorException(what, Inputs.retryableStatus(answer.status()));
        });
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", response.status());
        output.put("body", responseBody(response));
        if (response.truncated()) {
            output.put("truncated", true);
        }
        return new StepResult(output, requestId(response));
    }

    private byte[] body(@Nullable Object body) {
        if (body == null) {
            return new byte[0];
        }
        return json.writeValueAsBytes(body);
    }

    private Map<String, String> credentialHeaders(String name) {
        Object value;
        try {
            value = json.readValue(CredentialValues.reveal(credentials, name, type()), Object.class);
        } catch (JacksonException e) {
            value = null;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new ConnectorException("credential '" + name + "' holds no headers", false);
        }
        return headers(value);
    }

    /** Headers by name whatever its case: a request carries each header once. */
    private static Map<String, String> named(Map<String, String> headers) {
        Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        named.putAll(headers);
        return named;
    }

    private static Map<String, String> headers(@Nullable Object given) {
        Map<String, String> headers = named(Map.of());
        if (given instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new ConnectorException("headers: " + reserved(name), false);
                }
                if (headers.containsKey(name)) {
                    throw new ConnectorException("headers: " + duplicate(name), false);
                }
                if (String.valueOf(entry.getValue()).matches(".*[\\r\\n].*")) {
                    throw new ConnectorException("headers: " + name + " must be one line", false);
                }
                headers.put(name, String.valueOf(entry.getValue()));
            }
        }
        return headers;
    }

    private Object responseBody(OutboundHttp.Response response) {
        if (response.body().length == 0) {
            return "";
        }
        if (response.json() && !response.truncated()) {
            try {
                Object parsed = json.readValue(response.body(), Object.class);
                if (depth(parsed) <= MAX_BODY_DEPTH) {
                    return parsed;
                }
            } catch (JacksonException e) {
                // not JSON after all: kept as text
            }
        }
        return response.text();
    }

    /**
     * Nested deeper than this, a JSON body is kept as text: the step's output and its log line wrap it
     * a few levels more, and what is stored must read back within the shop's parser limit (64).
     */
    static final int MAX_BODY_DEPTH = 48;

    private static int depth(@Nullable Object value) {
        int deepest = 0;
        if (value instanceof Map<?, ?> map) {
            for (Object child : map.values()) {
                deepest = Math.max(deepest, depth(child));
            }
            return deepest + 1;
        }
        if (value instanceof List<?> list) {
            for (Object child : list) {
                deepest = Math.max(deepest, depth(child));
            }
            return deepest + 1;
        }
        return 0;
    }

    private static @Nullable String requestId(OutboundHttp.Response response) {
        for (String name : REQUEST_ID_HEADERS) {
            String value = response.header(name);
            if (value != null && !value.isBlank()) {
                return TextInput.clip(value, 200);
            }
        }
        return null;
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}

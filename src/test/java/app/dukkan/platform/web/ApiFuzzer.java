package app.dukkan.platform.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends hostile input to every operation of the served OpenAPI description and collects the
 * answers that a client mistake must never cause: a server error, an answer slower than the limit,
 * or an error body that grew with the input (an echo of what was sent).
 *
 * <p>For each operation it builds a plausible request from the schema (path and query parameters,
 * the JSON body with every property filled), then varies one thing at a time: each parameter and
 * each body field takes each hostile value (huge and tiny numbers, fractions, NUL and other control
 * characters, lone surrogates, very long text, wrong JSON types), and the whole request takes wrong
 * content types, malformed, huge and deeply nested bodies, unacceptable {@code Accept} headers and
 * forged cookies.
 */
final class ApiFuzzer {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ERROR_BODY = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ApiFuzzer.class);
    /** {@code FUZZ_TRACE=1} logs every request with its status and time. */
    private static final boolean TRACE = System.getenv("FUZZ_TRACE") != null;

    /** Numbers that are hard to parse, out of every range, or fractions where integers belong. */
    static final List<String> HOSTILE_NUMBERS = List.of(
            "1e-10000000",
            "1e10000000",
            "-1e-3000000",
            "9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890.123456789",
            "1.5",
            "0.001",
            "-1",
            "0",
            "1e309",
            "-0.0");

    /** {@code server.max-http-request-header-size}: a longer request line is refused by Tomcat itself. */
    private static final int SERVER_HEADER_LIMIT = 16 * 1024;

    private static final int TRANSPORT_FAILURE = 599;

    /** Text that databases, logs and terminals choke on, and text far longer than any field. */
    static final List<String> HOSTILE_TEXTS = List.of(
            "\u0000",
            "a\u0000b",
            "\u0007\u001b[31mred\u007f",
            "\u0085\u009f",
            "\ud800",
            "x".repeat(100_000),
            " \t ",
            "",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "' or '1'='1",
            "\u202e\u0661\u0662\u0663",
            "%00%ff");

    record Finding(String request, String problem) {
        @Override
        public String toString() {
            return request + " -> " + problem;
        }
    }

    /** One client identity: the cookies it sends and its CSRF token for writes. */
    record Identity(
            String name,
            Map<String, String> cookies,
            @Nullable String csrfToken) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final JsonNode schema;
    private final Duration limit;
    private final Map<String, String> known;
    private final List<Finding> findings = new ArrayList<>();
    private int requests;

    /**
     * @param known values that exist in the shop, by parameter or property name (a product's
     *     {@code slug}, a {@code variant_id}), so that plain requests get past their lookups
     */
    ApiFuzzer(String baseUrl, JsonNode schema, Duration limit, Map<String, String> known) {
        this.baseUrl = baseUrl;
        this.schema = schema;
        this.limit = limit;
        this.known = known;
    }

    int requests() {
        return requests;
    }

    List<Finding> findings() {
        return findings;
    }

    /** Served outside the API description: the probes, the site root and files. */
    private static final List<String> UNDESCRIBED_PATHS =
            List.of("/", "/error", "/livez", "/readyz", "/healthz", "/files/{key}", "/files/signed/{key}");

    /** Every operation of the description, and the undescribed paths, as {@code METHOD path}. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (String path : UNDESCRIBED_PATHS) {
            ObjectNode spec = NODES.objectNode();
            if (path.contains("{key}")) {
                spec.putArray("parameters")
                        .addObject()
                        .put("in", "path")
                        .put("name", "key")
                        .put("required", true)
                        .putObject("schema")
                        .put("type", "string");
            }
            operations.add(new Operation("GET", path, spec));
        }
        for (Map.Entry<String, JsonNode> path : schema.get("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(new Operation(method.toUpperCase(), path.getKey(), operation));
                }
            }
        }
        return operations;
    }

    record Operation(String method, String path, JsonNode spec) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * Runs one operation as the given identity: the plain request and the whole-request variations
     * (content types, bodies, headers, cookies), and with {@code fields} also every parameter and
     * body field with every hostile value.
     */
    void fuzz(Operation operation, Identity identity, boolean fields) {
        Map<String, String> pathParams = new LinkedHashMap<>();
        Map<String, String> queryParams = new LinkedHashMap<>();
        List<String> queryNames = new ArrayList<>();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            JsonNode resolved = resolve(parameter);
            String in = resolved.path("in").asString("");
            String name = resolved.path("name").asString("");
            String sample = known.getOrDefault(name, sampleText(resolve(resolved.path("schema")), name));
            if (in.equals("path")) {
                pathParams.put(name, sample);
            } else if (in.equals("query")) {
                queryNames.add(name);
                // optional filters stay out of the plain request, so that it gets past validation
                if (resolved.path("required").asBoolean(false) || known.containsKey(name)) {
                    queryParams.put(name, sample);
                }
            }
        }
        JsonNode bodySchema = jsonBodySchema(operation.spec());
        JsonNode body = bodySchema == null ? null : sample(bodySchema, 0);

        Request plain = new Request(operation, identity, pathParams, queryParams, body);
        send(plain, "plain");
        requestVariations(
                plain, !operation.method().equals("GET") && !operation.method().equals("DELETE"));
        if (fields) {
            fieldVariations(plain, queryNames);
        }
    }

    private void fieldVariations(Request plain, List<String> queryNames) {
        Map<String, String> pathParams = plain.pathParams();
        JsonNode body = plain.body();
        for (String name : pathParams.keySet()) {
            for (String value : hostileParameterValues()) {
                send(plain.withPath(name, value), "path " + name + "=" + shorten(value));
            }
        }
        for (String name : queryNames) {
            for (String value : hostileParameterValues()) {
                send(plain.withQuery(name, value), "query " + name + "=" + shorten(value));
            }
        }
        if (body != null) {
            for (String pointer : leafPointers(body, "")) {
                for (JsonNode value : hostileJsonValues()) {
                    send(
                            plain.withBody(replace(body, pointer, value)),
                            "body " + pointer + "=" + shorten(value.toString()));
                }
            }
        }
    }

    private void requestVariations(Request plain, boolean withBody) {
        if (withBody) {
            wholeBodyVariations(plain);
        }
        send(plain.withHeader("Accept", "application/yaml"), "Accept: application/yaml");
        send(plain.withHeader("Accept", "application/xml, text/csv"), "Accept: xml, csv");
        send(plain.withCookie("DUKKAN_SESSION", "AAAA"), "session cookie of NUL bytes");
        send(plain.withCookie("DUKKAN_SESSION", "%00%ff" + "A".repeat(4000)), "overlong session cookie");
        send(plain.withCookie("DUKKAN_CART", "AAAA"), "cart cookie of NUL bytes");
        send(plain.withCookie("DUKKAN_CART", "..%2F%00"), "malformed cart cookie");
        send(plain.withHeader("Accept-Language", "x".repeat(2000) + ";q=9e999"), "hostile Accept-Language");
        send(plain.withHeader("Idempotency-Key", "k\t\\\"" + "y".repeat(5000)), "hostile Idempotency-Key");
    }

    private void wholeBodyVariations(Request plain) {
        send(plain.withRawBody("", "application/json"), "empty body");
        send(plain.withRawBody("null", "application/json"), "body null");
        send(plain.withRawBody("[]", "application/json"), "body []");
        send(plain.withRawBody("{\"a\":", "application/json"), "truncated JSON");
        send(plain.withRawBody("{\"a\": 1, \"a\": 2}", "application/json"), "duplicate keys");
        send(plain.withRawBody("variant_id: 1\nquantity: 1\n", "application/yaml"), "YAML body");
        send(plain.withRawBody("<a>1</a>", "application/xml"), "XML body");
        send(plain.withRawBody("a=1&b=2", "application/x-www-form-urlencoded"), "form body");
        send(plain.withRawBody("{}", "text/plain"), "text/plain body");
        send(plain.withRawBody("{}", "application/json; charset=bogus-9"), "unknown charset");
        send(plain.withRawBody("{}", "multipart/form-data"), "multipart without boundary");
        send(plain.withRawBody("[".repeat(100_000) + "]".repeat(100_000), "application/json"), "deep arrays");
        send(
                plain.withRawBody("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000), "application/json"),
                "deep objects");
        send(plain.withRawBody("{\"x\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}", "application/json"), "2 MB body");
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 20_000; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        send(plain.withRawBody(wide.append('}').toString(), "application/json"), "20,000 unknown fields");
    }

    private static List<String> hostileParameterValues() {
        List<String> values = new ArrayList<>(HOSTILE_NUMBERS);
        values.addAll(HOSTILE_TEXTS);
        return values;
    }

    private static List<JsonNode> hostileJsonValues() {
        List<JsonNode> values = new ArrayList<>();
        for (String number : HOSTILE_NUMBERS) {
            values.add(JSON.readTree(number.equals("1e309") ? "1e309" : number));
        }
        for (String text : HOSTILE_TEXTS) {
            values.add(NODES.stringNode(text));
        }
        values.add(NODES.nullNode());
        values.add(NODES.booleanNode(true));
        values.add(NODES.arrayNode().add(NODES.nullNode()));
        values.add(NODES.objectNode().put("a", 1));
        ArrayNode many = NODES.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            many.add("v" + i);
        }
        values.add(many);
        return values;
    }

    private void send(Request request, String variation) {
        requests++;
        String label = request.identity().name() + " " + request.operation() + " [" + variation + "]";
        Answer answer = exchange(request);
        if (TRACE) {
            log.info(
                    "{} -> {} in {} ms",
                    label,
                    answer.status(),
                    answer.elapsed().toMillis());
        }
        if (answer.status() == TRANSPORT_FAILURE && request.target().length() > SERVER_HEADER_LIMIT) {
            // the server refuses a request line over its header limit with 400 and closes; when the
            // client is still sending, the close resets the connection before the 400 is read
            return;
        }
        if (answer.status() >= 500) {
            findings.add(new Finding(label, "status " + answer.status() + ": " + shorten(answer.body())));
        } else if (answer.status() >= 400 && answer.body().length() > MAX_ERROR_BODY) {
            findings.add(
                    new Finding(label, "error body of " + answer.body().length() + " characters (echoes the input?)"));
        }
        if (answer.elapsed().compareTo(limit) > 0) {
            // once more, so that a pause of the machine is not taken for a slow request
            Answer again = exchange(request);
            if (again.elapsed().compareTo(limit) > 0) {
                findings.add(new Finding(
                        label, "answered in " + again.elapsed().toMillis() + " ms (status " + again.status() + ")"));
            }
        }
    }

    private record Answer(int status, String body, Duration elapsed) {}

    private Answer exchange(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.target()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        String contentType = request.rawContentType() != null ? request.rawContentType() : "application/json";
        String payload = request.rawBody() != null
                ? request.rawBody()
                : request.body() == null ? null : JSON.writeValueAsString(request.body());
        builder.method(
                request.operation().method(),
                payload == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (payload != null) {
            builder.header("Content-Type", contentType);
        }
        Map<String, String> cookies = new LinkedHashMap<>(request.identity().cookies());
        cookies.putAll(request.cookies());
        if (!cookies.isEmpty()) {
            builder.header(
                    "Cookie",
                    String.join(
                            "; ",
                            cookies.entrySet().stream()
                                    .map(c -> c.getKey() + "=" + c.getValue())
                                    .toList()));
        }
        if (request.identity().csrfToken() != null) {
            builder.header("X-XSRF-TOKEN", request.identity().csrfToken());
        }
        request.headers().forEach(builder::setHeader);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            return new Answer(
                    TRANSPORT_FAILURE, "connection failed: " + e, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One request under construction: each {@code with…} returns a copy that differs in one thing. */
    private record Request(
            Operation operation,
            Identity identity,
            Map<String, String> pathParams,
            Map<String, String> queryParams,
            @Nullable JsonNode body,
            @Nullable String rawBody,
            @Nullable String rawContentType,
            Map<String, String> headers,
            Map<String, String> cookies) {

        Request(
                Operation operation,
                Identity identity,
                Map<String, String> pathParams,
                Map<String, String> queryParams,
                @Nullable JsonNode body) {
            this(operation, identity, pathParams, queryParams, body, null, null, Map.of(), Map.of());
        }

        Request withPath(String name, String value) {
            return new Request(
                    operation,
                    identity,
                    with(pathParams, m -> m.put(name, value)),
                    queryParams,
                    body,
                    rawBody,
                    rawContentType,
                    headers,
                    cookies);
        }

        Request withQuery(String name, String value) {
            return new Request(
                    operation,
                    identity,
                    pathParams,
                    with(queryParams, m -> m.put(name, value)),
                    body,
                    rawBody,
                    rawContentType,
                    headers,
                    cookies);
        }

        Request withBody(JsonNode newBody) {
            return new Request(operation, identity, pathParams, queryParams, newBody, null, null, headers, cookies);
        }

        Request withRawBody(String raw, String contentType) {
            return new Request(operation, identity, pathParams, queryParams, null, raw, contentType, headers, cookies);
        }

        Request withHeader(String name, String value) {
            return new Request(
                    operation,
                    identity,
                    pathParams,
                    queryParams,
                    body,
                    rawBody,
                    rawContentType,
                    with(headers, m -> m.put(name, value)),
                    cookies);
        }

        Request withCookie(String name, String value) {
            return new Request(
                    operation,
                    identity,
                    pathParams,
                    queryParams,
                    body,
                    rawBody,
                    rawContentType,
                    headers,
                    with(cookies, m -> m.put(name, value)));
        }

        String target() {
            String path = operation.path();
            for (Map.Entry<String, String> parameter : pathParams.entrySet()) {
                path = path.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
            }
            if (queryParams.isEmpty()) {
                return path;
            }
            List<String> pairs = queryParams.entrySet().stream()
                    .map(q -> encode(q.getKey()) + "=" + encode(q.getValue()))
                    .toList();
            return path + "?" + String.join("&", pairs);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }

        private static Map<String, String> with(Map<String, String> map, Consumer<Map<String, String>> change) {
            Map<String, String> copy = new LinkedHashMap<>(map);
            change.accept(copy);
            return copy;
        }
    }

    private @Nullable JsonNode jsonBodySchema(JsonNode operation) {
        JsonNode content = resolve(operation.path("requestBody")).path("content");
        for (Map.Entry<String, JsonNode> type : content.properties()) {
            if (type.getKey().contains("json")) {
                return resolve(type.getValue().path("schema"));
            }
        }
        return null;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = schema.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }

    /** A plausible value for a schema: what a well-behaved client would send. */
    private JsonNode sample(JsonNode node, int depth) {
        JsonNode s = resolve(node);
        if (s.has("allOf") || s.has("oneOf") || s.has("anyOf")) {
            String key = s.has("allOf") ? "allOf" : s.has("oneOf") ? "oneOf" : "anyOf";
            return sample(s.get(key).get(0), depth);
        }
        if (s.has("enum")) {
            return s.get("enum").get(0);
        }
        String type = typeOf(s);
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    for (Map.Entry<String, JsonNode> property :
                            s.path("properties").properties()) {
                        String value = known.get(property.getKey());
                        object.set(
                                property.getKey(),
                                value != null ? NODES.stringNode(value) : sample(property.getValue(), depth + 1));
                    }
                }
                yield object;
            }
            case "array" -> NODES.arrayNode().add(sample(s.path("items"), depth + 1));
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(new java.math.BigDecimal("1.50"));
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.stringNode(sampleText(s, ""));
        };
    }

    private static String typeOf(JsonNode s) {
        JsonNode type = s.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return s.has("properties") ? "object" : "string";
    }

    private String sampleText(JsonNode s, String name) {
        String type = typeOf(s);
        if (type.equals("integer")) {
            return "1";
        }
        if (type.equals("number")) {
            return "1.50";
        }
        if (type.equals("boolean")) {
            return "true";
        }
        if (s.has("enum")) {
            return s.get("enum").get(0).asString();
        }
        return switch (s.path("format").asString("")) {
            case "uuid" -> UUID.randomUUID().toString();
            case "email" -> "fuzz@example.com";
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "date" -> "2026-01-01";
            default -> name.contains("email") ? "fuzz@example.com" : "fuzz";
        };
    }

    /** JSON pointers to every scalar and array in a sample body (arrays are varied whole). */
    private static List<String> leafPointers(JsonNode node, String prefix) {
        List<String> pointers = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                pointers.addAll(leafPointers(property.getValue(), prefix + "/" + property.getKey()));
            }
            if (node.isEmpty() && !prefix.isEmpty()) {
                pointers.add(prefix);
            }
        } else if (node.isArray()) {
            pointers.add(prefix);
            if (!node.isEmpty()) {
                pointers.addAll(leafPointers(node.get(0), prefix + "/0"));
            }
        } else {
            pointers.add(prefix);
        }
        return pointers;
    }

    private static JsonNode replace(JsonNode body, String pointer, JsonNode value) {
        if (pointer.isEmpty()) {
            return value;
        }
        JsonNode copy = body.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    private static String shorten(String text) {
        String single = text.replaceAll("\\p{Cntrl}", "?");
        return single.length() <= 80 ? single : single.substring(0, 80) + "…(" + text.length() + " chars)";
    }
}

package app.dukkan.operations;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Checks a running shop from outside, as a shopper and a load balancer would: the probes, a
 * listing, a product, a cart, a test purchase when the built-in test provider is on (never with a
 * real provider), and the per-route p95 and error rate the shop reports at {@code /health/metrics}.
 * Used after deploys and by the restore drill; any failed check fails the whole.
 */
public final class SmokeCheck {

    /** A check's outcome. */
    public enum Outcome {
        PASSED,
        FAILED,
        SKIPPED
    }

    /** One check: its name, outcome, what it found and how long it took. */
    public record Check(String name, Outcome outcome, String detail, Duration took) {}

    /**
     * @param url the shop's base URL; a shop behind a path prefix ({@code https://example.com/shop})
     *     is checked under that prefix
     * @param p95 the highest p95 any route with enough requests may have
     * @param maxErrorRate the highest share of 5xx answers over all routes
     * @param timeout each request's timeout
     */
    public record Settings(URI url, Duration p95, double maxErrorRate, Duration timeout) {}

    private static final int ENOUGH_REQUESTS_FOR_P95 = 20;

    private final Settings settings;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();

    public SmokeCheck(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Runs every check, printing each as it completes; returns them all. */
    public List<Check> run(PrintStream out) {
        check(out, "live", () -> expect("GET", "/livez", null, 200).detail());
        check(out, "ready", () -> expect("GET", "/readyz", null, 200).detail());
        check(out, "health", () -> {
            JsonNode health = expect("GET", "/healthz", null, 200).json();
            return "version " + health.path("version").asString("?") + ", database "
                    + health.path("checks").path("database").path("status").asString("?");
        });
        Optional<String> slug = Optional.empty();
        JsonNode listing =
                checkJson(out, "listing", () -> expectJson("GET", "/api/v1/products?in_stock=true&size=12", "items"));
        if (listing != null) {
            for (JsonNode item : listing.path("items")) {
                if (item.path("in_stock").asBoolean(false)) {
                    slug = Optional.of(item.path("slug").asString());
                    break;
                }
            }
        }
        Optional<String> variant = Optional.empty();
        if (slug.isEmpty()) {
            skip(out, "product", "no product in stock");
        } else {
            String productSlug = slug.get();
            JsonNode product = checkJson(out, "product", () -> {
                Answer answer = expectJson("GET", "/api/v1/products/" + productSlug, "variants");
                for (JsonNode v : answer.json().path("variants")) {
                    if (v.path("stock").asInt(0) > 0) {
                        return answer;
                    }
                }
                throw new SmokeFailure(
                        "the listing shows " + productSlug + " in stock, its page has no variant in stock");
            });
            if (product != null) {
                for (JsonNode v : product.path("variants")) {
                    if (v.path("stock").asInt(0) > 0) {
                        variant = Optional.of(v.path("id").asString());
                        break;
                    }
                }
            }
        }
        boolean carted = false;
        if (variant.isEmpty()) {
            skip(out, "cart", "no variant in stock");
        } else {
            String variantId = variant.get();
            carted = check(out, "cart", () -> {
                expect("GET", "/api/v1/auth/csrf", null, 200);
                expect("POST", "/api/v1/cart", "{\"variant_id\":\"" + variantId + "\",\"quantity\":1}", 200, 201);
                return "1 × " + variantId;
            });
        }
        if (!carted) {
            skip(out, "purchase", "no cart");
        } else if (!testProviderOn()) {
            skip(out, "purchase", "the built-in test provider is off: no purchase with real money");
        } else {
            check(out, "purchase", this::purchase);
        }
        check(out, "p95", this::thresholds);
        return List.copyOf(checks);
    }

    /** Whether all checks passed or were skipped. */
    public static boolean passed(List<Check> checks) {
        return checks.stream().noneMatch(check -> check.outcome() == Outcome.FAILED);
    }

    private String purchase() throws IOException, InterruptedException {
        String email = "smoke-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String draft = expect("POST", "/api/v1/checkout/init", """
                {"address":{"name":"Smoke Check","line1":"Teststrasse 1","city":"Berlin","postal_code":"10115","country":"DE"},\
                "email":"%s"}""".formatted(email), 201)
                .json()
                .path("id")
                .asString();
        String secret = expect("POST", "/api/v1/payments/intent", "{\"draft_id\":\"" + draft + "\"}", 201)
                .json()
                .path("client_secret")
                .asString();
        expect("POST", "/api/v1/payments/test/confirm", """
                {"client_secret":"%s","card_number":"4242424242424242"}""".formatted(secret), 200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode order =
                    expect("GET", "/api/v1/orders/draft/" + draft, null, 200).json();
            if (order.path("status").asString("").equals("paid")) {
                return "order " + order.path("number").asString(draft) + " paid";
            }
            Thread.sleep(200);
        }
        throw new SmokeFailure("the order was not paid within 30 s of the payment");
    }

    /**
     * The test provider's confirm route exists only while the provider is on: it refuses an empty
     * request as invalid (400). Anything else (404, or a proxy's 502 during a deploy) counts as off,
     * so that a shop taking real money never gets a smoke purchase.
     */
    private boolean testProviderOn() {
        try {
            HttpResponse<String> answer = send("POST", "/api/v1/payments/test/confirm", "{}");
            return answer.statusCode() == 400
                    && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private String thresholds() throws IOException, InterruptedException {
        JsonNode metrics = expect("GET", "/health/metrics", null, 200).json();
        List<String> slow = new ArrayList<>();
        for (JsonNode route : metrics.path("routes")) {
            if (route.path("count").asLong(0) >= ENOUGH_REQUESTS_FOR_P95
                    && route.path("p95_ms").asDouble(0) > settings.p95().toMillis()) {
                slow.add(route.path("method").asString() + " "
                        + route.path("route").asString() + " p95 "
                        + route.path("p95_ms").asDouble() + " ms");
            }
        }
        double errorRate = metrics.path("totals").path("error_rate").asDouble(0);
        if (!slow.isEmpty()) {
            throw new SmokeFailure("slower than " + settings.p95().toMillis() + " ms: " + String.join(", ", slow));
        }
        if (errorRate > settings.maxErrorRate()) {
            throw new SmokeFailure("5xx rate " + errorRate + " above " + settings.maxErrorRate());
        }
        return "every route's p95 ≤ " + settings.p95().toMillis() + " ms, 5xx rate " + errorRate + " over "
                + metrics.path("window_seconds").asLong() + " s";
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws IOException, InterruptedException;
    }

    private boolean check(PrintStream out, String name, Step<String> step) {
        return checkJson(out, name, () -> new Answer(200, step.run(), null)) != null;
    }

    /** Runs a step and records it; returns its JSON answer when it passed, else null. */
    private @Nullable JsonNode checkJson(PrintStream out, String name, Step<Answer> step) {
        long started = System.nanoTime();
        Check check;
        @Nullable JsonNode body = null;
        try {
            Answer answer = step.run();
            body = answer.body() == null ? NullNode.getInstance() : answer.body();
            check = new Check(name, Outcome.PASSED, answer.detail(), Duration.ofNanos(System.nanoTime() - started));
        } catch (SmokeFailure e) {
            check = new Check(name, Outcome.FAILED, e.getMessage(), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            check = new Check(name, Outcome.FAILED, "no answer: " + e, Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check = new Check(name, Outcome.FAILED, "interrupted", Duration.ofNanos(System.nanoTime() - started));
        }
        record(out, check);
        return check.outcome() == Outcome.PASSED ? body : null;
    }

    private void skip(PrintStream out, String name, String why) {
        record(out, new Check(name, Outcome.SKIPPED, why, Duration.ZERO));
    }

    private void record(PrintStream out, Check check) {
        checks.add(check);
        out.printf(
                "%-7s %-9s %6d ms  %s%n",
                check.outcome(), check.name(), check.took().toMillis(), check.detail());
    }

    private record Answer(
            int status, String detail, @Nullable JsonNode body) {
        JsonNode json() {
            if (body == null) {
                throw new SmokeFailure("the answer is not JSON");
            }
            return body;
        }
    }

    /** A 200 answer in JSON that has this field: a proxy's page in its place is a failure. */
    private Answer expectJson(String method, String path, String field) throws IOException, InterruptedException {
        Answer answer = expect(method, path, null, 200);
        if (!answer.json().has(field)) {
            throw new SmokeFailure(method + " " + path + " answered JSON without '" + field + "'");
        }
        return answer;
    }

    private Answer expect(String method, String path, @Nullable String body, int... statuses)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        for (int status : statuses) {
            if (response.statusCode() == status) {
                JsonNode parsed = null;
                if (response.headers().firstValue("Content-Type").orElse("").contains("json")) {
                    parsed = json.readTree(response.body());
                }
                return new Answer(status, method + " " + path + " → " + status, parsed);
            }
        }
        String excerpt = response.body().length() > 200 ? response.body().substring(0, 200) + "…" : response.body();
        throw new SmokeFailure(method + " " + path + " answered " + response.statusCode() + ": " + excerpt);
    }

    private HttpResponse<String> send(String method, String path, @Nullable String body)
            throws IOException, InterruptedException {
        String base = settings.url().toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    String.join(
                            "; ",
                            cookies.entrySet().stream()
                                    .map(c -> c.getKey() + "=" + c.getValue())
                                    .toList()));
        }
        String xsrf = cookies.get("XSRF-TOKEN");
        if (xsrf != null) {
            request.header("X-XSRF-TOKEN", xsrf);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // kept by hand: the shop's cookies are Secure, which an HTTP client would not send to http://localhost
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                cookies.put(
                        pair.substring(0, equals).trim(),
                        pair.substring(equals + 1).trim());
            }
        }
        return response;
    }

    private static final class SmokeFailure extends RuntimeException {
        SmokeFailure(String message) {
            super(message);
        }
    }
}

package app.dukkan.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.FailingRoute;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /health/metrics} over real HTTP, without signing in. */
@DukkanTest
class HealthMetricsTests {

    @LocalServerPort
    int port;

    private JsonNode metrics() {
        return new ApiClient(port).get("/health/metrics").expectStatus(200).json();
    }

    private static JsonNode route(JsonNode metrics, String method, String route) {
        for (JsonNode figures : metrics.get("routes")) {
            if (figures.get("method").asString().equals(method)
                    && figures.get("route").asString().equals(route)) {
                return figures;
            }
        }
        return null;
    }

    private static long count(JsonNode metrics, String method, String route, String field) {
        JsonNode figures = route(metrics, method, route);
        return figures == null ? 0 : figures.get(field).asLong();
    }

    @Test
    void countsRequestsServerAndClientErrorsPerRoutePatternWithoutSigningIn() {
        String products = "/api/v1/products/{slug}";
        String failing = FailingRoute.PATTERN;
        JsonNode before = metrics();
        ApiClient anonymous = new ApiClient(port);

        anonymous.get("/livez").expectStatus(200);
        anonymous.get("/livez").expectStatus(200);
        anonymous.get("/api/v1/products/no-such-product-" + UUID.randomUUID()).expectStatus(404);
        String failure = UUID.randomUUID().toString();
        anonymous.get("/test/failing/" + failure).expectStatus(500);

        // the observation stops just after the answer is written
        JsonNode after = await().atMost(Duration.ofSeconds(5))
                .until(this::metrics, m -> count(m, "GET", failing, "count") > count(before, "GET", failing, "count"));
        assertThat(count(after, "GET", "/livez", "count"))
                .isGreaterThanOrEqualTo(count(before, "GET", "/livez", "count") + 2);
        assertThat(count(after, "GET", products, "client_errors"))
                .isEqualTo(count(before, "GET", products, "client_errors") + 1);
        assertThat(count(after, "GET", failing, "errors")).isEqualTo(count(before, "GET", failing, "errors") + 1);
        JsonNode fail = route(after, "GET", failing);
        assertThat(fail.get("error_rate").asDouble()).isEqualTo(1.0);
        assertThat(fail.get("p95_ms").asDouble()).isPositive().isLessThanOrEqualTo(30_000);

        assertThat(after.get("window_seconds").asLong()).isEqualTo(300);
        assertThat(after.get("instance").asString()).isNotBlank();
        JsonNode totals = after.get("totals");
        assertThat(totals.get("count").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(totals.get("errors").asLong()).isPositive();
        assertThat(totals.get("client_errors").asLong()).isPositive();
        assertThat(totals.get("p95_ms").asDouble()).isPositive();
        assertThat(after.toString())
                .as("route patterns only, never the paths asked for")
                .doesNotContain("no-such-product-")
                .doesNotContain(failure);
    }
}

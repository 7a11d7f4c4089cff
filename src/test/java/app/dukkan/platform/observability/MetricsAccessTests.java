package app.dukkan.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Prometheus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The actuator on the shop's own port: metrics (revenue among them) only for an admin or a key of
 * scope {@code metrics:read}; health for anyone.
 */
@DukkanTest
class MetricsAccessTests {

    @LocalServerPort
    int port;

    private ApiClient bearer(String secret) {
        return new ApiClient(port).withoutCsrf().header("Authorization", "Bearer " + secret);
    }

    @Test
    void metricsNeedAnAdminOrAMetricsKeyAndHealthIsOpen() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        ApiClient anonymous = fixtures.anonymous();
        anonymous.get("/actuator/health").expectStatus(200);
        for (String path :
                List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/dukkan.orders.paid")) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
        }
        ApiClient customer = fixtures.customer();
        customer.get("/actuator/metrics").expectStatus(403);
        // a customer cannot give a key the scope
        customer.post("/api/v1/me/api-keys", Map.of("name", "scraper", "scopes", List.of("metrics:read")))
                .expectStatus(403);

        ApiClient admin = fixtures.admin();
        admin.get("/actuator/metrics").expectStatus(200);
        assertThat(new Prometheus(port).scrape()).contains("http_server_requests_seconds_count");

        String metricsKey = Prometheus.key(port);
        bearer(metricsKey).get("/actuator/metrics").expectStatus(200);
        // the scope reads metrics and nothing else, and writes nothing
        bearer(metricsKey).get("/api/v1/admin/orders").expectStatus(403);
        assertThat(bearer(metricsKey).post("/actuator/metrics", Map.of()).status())
                .isIn(403, 405);

        String catalogKey = admin.post(
                        "/api/v1/me/api-keys", Map.of("name", "catalog", "scopes", List.of("catalog:read")))
                .expectStatus(201)
                .json()
                .get("secret")
                .asString();
        ApiClient.Response refused = bearer(catalogKey).get("/actuator/metrics").expectStatus(403);
        assertThat(refused.json().get("required_scope").asString()).isEqualTo("metrics:read");
    }
}

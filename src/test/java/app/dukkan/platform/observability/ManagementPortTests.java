package app.dukkan.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * With the actuator on a management port of its own, as the deploy manifests run it (kept off the
 * ingress, behind a network policy), a scraper reads metrics there without credentials, and the
 * shop's public port serves none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles("test")
class ManagementPortTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void theManagementPortServesMetricsWithoutCredentialsAndTheShopsPortNone() {
        assertThat(managementPort).isNotEqualTo(port);
        ApiClient shop = new ApiClient(port).withoutCsrf();
        assertThat(shop.get("/actuator/metrics").status()).isIn(401, 404);
        shop.get("/api/v1/products").expectStatus(200);
        shop.get("/livez").expectStatus(200);

        ApiClient management = new ApiClient(managementPort).withoutCsrf();
        management.get("/actuator/health").expectStatus(200);
        String names = management
                .get("/actuator/metrics")
                .expectStatus(200)
                .json()
                .get("names")
                .toString();
        assertThat(names).contains("dukkan.funnel", "jvm.memory.used");
    }
}

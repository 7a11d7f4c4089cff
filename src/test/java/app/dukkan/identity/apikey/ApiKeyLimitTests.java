package app.dukkan.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Requests with invalid keys are limited per client address. */
@DukkanTest
@TestPropertySource(properties = "dukkan.identity.api-keys.failures-per-ip=3")
class ApiKeyLimitTests {

    @LocalServerPort
    int port;

    @Test
    void refusesInvalidKeysFromOneAddressPastTheLimitWith429() {
        ApiClient client = new ApiClient(port).header("X-API-Key", "dk_000000000000_" + "A".repeat(43));
        for (int i = 0; i < 3; i++) {
            client.get("/api/v1/admin/products").expectStatus(401);
        }
        ApiClient.Response limited = client.get("/api/v1/admin/products");
        limited.expectStatus(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(limited.json().get("type").asString()).isEqualTo("https://dukkan.app/problems/rate-limited");
    }
}

package app.dukkan.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@DukkanTest
class HealthApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    BuildProperties build;

    @Test
    void livenessAnswersWithoutSession() {
        var response = new ApiClient(port).get("/livez").expectStatus(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(String.join(";", response.headers("Set-Cookie"))).doesNotContain("DUKKAN_SESSION");
    }

    @Test
    void readinessIsUpWhileTheDatabaseAnswers() {
        var response = new ApiClient(port).get("/readyz").expectStatus(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessIsDownWhileTheInstanceRefusesTraffic() {
        ApiClient client = new ApiClient(port);
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            var response = client.get("/readyz").expectStatus(503);
            assertThat(response.json().get("status").asString()).isEqualTo("DOWN");
            client.get("/livez").expectStatus(200);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        client.get("/readyz").expectStatus(200);
    }

    @Test
    void summaryReportsVersionTimeAndDatabase() {
        Instant before = Instant.now();
        var health = new ApiClient(port).get("/healthz").expectStatus(200).json();
        Instant after = Instant.now();

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("version").asString()).isEqualTo(build.getVersion());
        assertThat(Instant.parse(health.get("time").asString())).isBetween(before, after);
        var database = health.get("checks").get("database");
        assertThat(database.get("status").asString()).isEqualTo("UP");
        assertThat(database.get("latency_ms").asDouble()).isGreaterThanOrEqualTo(0.0);
    }
}

package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.DukkanApplication;
import app.dukkan.testing.Probes;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A rolling deploy's stop: unready first while still serving, then drained and stopped. */
class ShutdownDrainTests {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void onShutdownReadinessAnswers503WhileRequestsAreStillServedThenTheServerStops() throws Exception {
        ConfigurableApplicationContext shop = SpringApplication.run(
                DukkanApplication.class,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--dukkan.roles=web",
                "--dukkan.web.shutdown-delay=3s");
        int port = ((WebServerApplicationContext) shop).getWebServer().getPort();
        assertThat(Probes.status(port, "/readyz")).isEqualTo(200);

        // what SIGTERM does: the shutdown hook closes the context
        CompletableFuture<Void> closing = CompletableFuture.runAsync(shop::close);
        await().atMost(Duration.ofSeconds(2)).until(() -> Probes.status(port, "/readyz") == 503);
        assertThat(Probes.status(port, "/livez"))
                .as("still serving while the balancer notices")
                .isEqualTo(200);
        assertThat(Probes.status(port, "/api/v1/products")).isEqualTo(200);
        assertThat(closing).as("waits for the balancer before stopping").isNotDone();

        closing.get();
        assertThat(Probes.status(port, "/livez")).as("stopped").isEqualTo(-1);
    }
}

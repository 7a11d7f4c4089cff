package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.DukkanApplication;
import app.dukkan.platform.DatabaseInfo;
import app.dukkan.testing.Probes;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** A rolling deploy's stop: unready first while still serving, then drained and stopped. */
class ShutdownDrainTests {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void onShutdownReadinessAnswers503WhileRequestsAreStillServedThenTheServerStops() throws Exception {
        // behind a balancer the database is external: here the tests' embedded one, reached by its URL
        ConfigurableApplicationContext database =
                DukkanApplication.startCommand(List.of("--spring.profiles.active=test"));
        String url;
        try (Connection connection = database.getBean(DataSource.class).getConnection()) {
            url = connection.getMetaData().getURL();
        }
        ConfigurableApplicationContext shop = SpringApplication.run(
                DukkanApplication.class,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
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
        database.close();
    }

    @Test
    void onTheEmbeddedDatabaseNobodyWaits() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.refresh();
            ShutdownDrain drain = new ShutdownDrain(context, new DatabaseInfo(true), Duration.ofSeconds(5));
            long start = System.nanoTime();
            drain.start();
            drain.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(drain.isRunning()).isFalse();
        }
    }

    @Test
    void aContextStoppedAndStartedAgainIsReadyAgainAndAPausedOneNeverStopsBeingReady() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(ApplicationAvailabilityBean.class);
            context.registerBean(DatabaseInfo.class, () -> new DatabaseInfo(false));
            context.registerBean(
                    ShutdownDrain.class,
                    () -> new ShutdownDrain(context, context.getBean(DatabaseInfo.class), Duration.ZERO));
            context.refresh();
            ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);

            context.pause();
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
            context.restart();

            context.stop();
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            context.start();
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        }
    }
}

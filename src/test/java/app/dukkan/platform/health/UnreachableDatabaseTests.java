package app.dukkan.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.AppVersion;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/** The probes against a PostgreSQL address where nothing listens. */
class UnreachableDatabaseTests {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final HealthController health = new HealthController(
            runningApplication(),
            new DatabaseCheck(unreachablePostgres()),
            new AppVersion("1.2.3"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void readinessIsDown() {
        var response = health.readyz();
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(new String(response.getBody())).isEqualTo("{\"status\":\"DOWN\"}");
    }

    @Test
    void summaryIsDownWithTheFailedCheck() {
        var response = health.healthz();
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        var body = response.getBody();
        assertThat(body.status()).isEqualTo("DOWN");
        assertThat(body.version()).isEqualTo("1.2.3");
        assertThat(body.time()).isEqualTo(NOW);
        assertThat(body.checks().get("database").status()).isEqualTo("DOWN");
    }

    @Test
    void livenessDoesNotDependOnTheDatabase() {
        assertThat(health.livez().getStatusCode().value()).isEqualTo(200);
    }

    private static ApplicationAvailabilityBean runningApplication() {
        ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(availability, LivenessState.CORRECT));
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(availability, ReadinessState.ACCEPTING_TRAFFIC));
        return availability;
    }

    private static PGSimpleDataSource unreachablePostgres() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {freePort()});
        dataSource.setConnectTimeout(2);
        return dataSource;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

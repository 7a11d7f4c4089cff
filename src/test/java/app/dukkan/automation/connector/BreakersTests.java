package app.dukkan.automation.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.testing.MovingClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BreakersTests {

    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T10:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // opens after 4 calls of which half failed
    final Breakers breakers = new Breakers(new ConnectorFixtures().properties, meters, clock);

    long breakerMeters() {
        return meters.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("resilience4j.circuitbreaker"))
                .count();
    }

    @Test
    void breakersOfTargetsIdleForAnHourAreForgottenWithTheirMetersOnceThereAreMany() {
        for (int i = 0; i < Breakers.KEPT_TARGETS; i++) {
            breakers.call("http:host-" + i + ":443", () -> "ok");
        }
        long metersPerTarget = breakerMeters() / Breakers.KEPT_TARGETS;
        assertThat(metersPerTarget).isPositive();
        clock.advance(Breakers.FORGET_AFTER.minusMinutes(1));
        breakers.call("http:host-0:443", () -> "ok");
        breakers.call("http:recent:443", () -> "ok");
        assertThat(breakers.targets()).isEqualTo(Breakers.KEPT_TARGETS + 1);

        clock.advance(Duration.ofMinutes(2));
        breakers.call("http:new:443", () -> "ok");

        // host-0 and recent were called within the hour; the 99 others were not
        assertThat(breakers.targets()).isEqualTo(3);
        assertThat(breakerMeters()).isEqualTo(3 * metersPerTarget);
    }

    @Test
    void anOpenBreakerInUseIsKept() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> breakers.call("http:down:443", () -> {
                        throw new ConnectorException("down answered 503", true);
                    }))
                    .isInstanceOf(ConnectorException.class);
        }
        for (int i = 0; i < Breakers.KEPT_TARGETS + 1; i++) {
            breakers.call("http:host-" + i + ":443", () -> "ok");
        }

        assertThatThrownBy(() -> breakers.call("http:down:443", () -> "ok"))
                .isInstanceOf(ConnectorUnavailableException.class);
    }
}

package app.dukkan.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RouteWindowTests {

    final MovingClock clock = new MovingClock(Instant.parse("2026-12-06T10:00:30Z"));
    final RouteWindow window = new RouteWindow(clock, Duration.ofMinutes(5));

    static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void countsRequestsErrorsAndClientErrorsPerRouteAndInAll() {
        for (int i = 0; i < 8; i++) {
            window.record("GET", "/products/{slug}", 200, millis(4));
        }
        window.record("GET", "/products/{slug}", 500, millis(4));
        window.record("GET", "/products/{slug}", 404, millis(4));
        window.record("POST", "/api/v1/cart", 422, millis(40));

        RouteWindow.Snapshot snapshot = window.snapshot();
        assertThat(snapshot.windowSeconds()).isEqualTo(300);
        RouteWindow.RouteFigures products = snapshot.routes().get(0);
        assertThat(products.method()).isEqualTo("GET");
        assertThat(products.route()).isEqualTo("/products/{slug}");
        assertThat(products.count()).isEqualTo(10);
        assertThat(products.errors()).isEqualTo(1);
        assertThat(products.clientErrors()).isEqualTo(1);
        assertThat(products.errorRate()).isEqualTo(0.1);
        assertThat(snapshot.routes().get(1).route()).isEqualTo("/api/v1/cart");
        assertThat(snapshot.totals().count()).isEqualTo(11);
        assertThat(snapshot.totals().errors()).isEqualTo(1);
        assertThat(snapshot.totals().clientErrors()).isEqualTo(2);
    }

    @Test
    void theP95IsTheUpperBoundOfTheBucketHoldingIt() {
        for (int i = 0; i < 95; i++) {
            window.record("GET", "/", 200, millis(3)); // bucket [3, 5)
        }
        for (int i = 0; i < 5; i++) {
            window.record("GET", "/", 200, millis(800)); // bucket [750, 1000)
        }
        assertThat(window.snapshot().totals().p95Ms()).isEqualTo(5);

        window.record("GET", "/", 200, millis(800));
        assertThat(window.snapshot().totals().p95Ms())
                .as("now more than 5 % are slow")
                .isEqualTo(1000);
        window.record("GET", "/slow", 200, millis(120_000));
        assertThat(window.snapshot().routes().stream()
                        .filter(r -> r.route().equals("/slow"))
                        .findFirst()
                        .orElseThrow()
                        .p95Ms())
                .as("beyond the last bound")
                .isEqualTo(30_000);
    }

    @Test
    void requestsLeaveTheWindowWhenTheirMinuteIsOlderThanIt() {
        window.record("GET", "/old", 200, millis(1));
        clock.advance(Duration.ofMinutes(3));
        window.record("GET", "/newer", 200, millis(1));
        assertThat(window.snapshot().totals().count()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(2)); // /old's minute is five minutes back now
        assertThat(window.snapshot().routes())
                .extracting(RouteWindow.RouteFigures::route)
                .containsExactly("/newer");

        clock.advance(Duration.ofMinutes(10));
        window.record("GET", "/latest", 200, millis(1)); // reuses a slot of the ring
        assertThat(window.snapshot().routes())
                .extracting(RouteWindow.RouteFigures::route)
                .containsExactly("/latest");
        assertThat(window.snapshot().totals().count()).isEqualTo(1);
    }

    @Test
    void routesBeyondTheLimitShareOneEntry() {
        for (int i = 0; i < RouteWindow.MAX_ROUTES + 50; i++) {
            window.record("GET", "/route-" + i, 200, millis(1));
        }
        RouteWindow.Snapshot snapshot = window.snapshot();
        assertThat(snapshot.routes()).hasSize(RouteWindow.MAX_ROUTES + 1);
        assertThat(snapshot.routes().get(0).route()).isEqualTo(RouteWindow.OTHER);
        assertThat(snapshot.routes().get(0).count()).isEqualTo(50);
        assertThat(snapshot.totals().count()).isEqualTo(RouteWindow.MAX_ROUTES + 50);
    }
}

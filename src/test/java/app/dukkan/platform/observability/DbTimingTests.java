package app.dukkan.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Prometheus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@DukkanTest
class DbTimingTests {

    private static final String TIMER = "http.server.requests.db";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private record Totals(long count, double nanos) {}

    private Totals totals(String method, String uri) {
        Timer timer = registry.find(TIMER).tags("method", method, "uri", uri).timer();
        return timer == null ? new Totals(0, 0) : new Totals(timer.count(), timer.totalTime(TimeUnit.NANOSECONDS));
    }

    // The response can reach the client before the filter records, so wait for the count.
    private Totals awaitCount(String method, String uri, long count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> totals(method, uri).count() >= count);
        return totals(method, uri);
    }

    @Test
    void recordsDatabaseTimePerRoutePattern() {
        Totals before = totals("POST", "/api/v1/auth/register");
        new ApiClient(port).register("timed-" + UUID.randomUUID() + "@example.com", "correct horse 42");
        Totals after = awaitCount("POST", "/api/v1/auth/register", before.count() + 1);
        assertThat(after.nanos()).isGreaterThan(before.nanos());
    }

    @Test
    void livenessExecutesNoStatements() {
        ApiClient client = new ApiClient(port);
        client.get("/livez").expectStatus(200);
        Totals before = awaitCount("GET", "/livez", 1);
        client.get("/livez").expectStatus(200);
        Totals after = awaitCount("GET", "/livez", before.count() + 1);
        assertThat(after.nanos()).isEqualTo(before.nanos());
    }

    /** Requests timed per GET route tag: the tags stay few whatever paths clients ask for. */
    private Map<String, Long> getCounts() {
        return registry.find(TIMER).tag("method", "GET").timers().stream()
                .collect(Collectors.toMap(t -> t.getId().getTag("uri"), Timer::count, Long::sum));
    }

    @Test
    void unmatchedPathsShareOneTag() {
        Map<String, Long> before = getCounts();
        new ApiClient(port).get("/no-such-page-" + UUID.randomUUID()).expectStatus(404);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> getCounts().entrySet().stream()
                        .anyMatch(tag -> tag.getValue() > before.getOrDefault(tag.getKey(), 0L)));
        assertThat(registry.find(TIMER)
                        .tag("uri", u -> u.startsWith("/no-such-page"))
                        .timers())
                .isEmpty();
    }

    @Test
    void prometheusScrapeHasTheHistogram() {
        new ApiClient(port).register("scraped-" + UUID.randomUUID() + "@example.com", "correct horse 42");
        awaitCount("POST", "/api/v1/auth/register", 1);
        assertThat(new Prometheus(port).scrape())
                .contains("http_server_requests_db_seconds_bucket{")
                .containsPattern("http_server_requests_db_seconds_count\\{[^}]*uri=\"/api/v1/auth/register\"");
    }
}

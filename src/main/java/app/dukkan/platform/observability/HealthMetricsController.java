package app.dukkan.platform.observability;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Operations", description = "Health probes")
class HealthMetricsController {

    record HealthMetrics(
            long windowSeconds, String instance, List<RouteWindow.RouteFigures> routes, RouteWindow.Figures totals) {}

    private final RouteWindow window;
    private final String instance = hostName();

    HealthMetricsController(RouteWindow window) {
        this.window = window;
    }

    @GetMapping(value = "/health/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Requests per route on this instance over the last minutes",
            description = "For smoke checks after a deploy: per method and route pattern (never a raw path; unmatched"
                    + " paths share NOT_FOUND, REDIRECTION or UNKNOWN) the requests, server errors (5xx), client"
                    + " errors (4xx), error rate (the 5xx share) and 95th percentile duration in ms (the upper"
                    + " bound of its histogram bucket), over the last `window_seconds`"
                    + " (`dukkan.health-metrics.window`, 5 minutes), as counted by this instance (`instance`, its"
                    + " host name). Needs no sign-in.")
    HealthMetrics metrics() {
        RouteWindow.Snapshot snapshot = window.snapshot();
        return new HealthMetrics(snapshot.windowSeconds(), instance, snapshot.routes(), snapshot.totals());
    }

    /** The container's or machine's name, which tells the instances behind a load balancer apart. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}

package app.dukkan.platform.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records the JDBC time of each request as {@code http.server.requests.db}, tagged like {@code
 * http.server.requests} with the method and the matched route pattern, so the two can be compared
 * per route.
 */
final class DbTimingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DbTimingFilter.class);
    // Tags must stay few: any other method a client invents is reported as UNKNOWN.
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final Meter.MeterProvider<Timer> timers;

    DbTimingFilter(MeterRegistry registry) {
        this.timers = Timer.builder("http.server.requests.db")
                .description("Time spent executing JDBC statements per HTTP request")
                .publishPercentileHistogram()
                .withRegistry(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestDbTime dbTime = RequestDbTime.start();
        try {
            chain.doFilter(request, response);
        } finally {
            dbTime.stop();
            String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "UNKNOWN";
            String route = route(request, response);
            timers.withTags("method", method, "uri", route).record(dbTime.nanos(), TimeUnit.NANOSECONDS);
            if (log.isDebugEnabled()) {
                log.debug(
                        "{} {} db_ms={} queries={}",
                        method,
                        route,
                        String.format("%.3f", dbTime.nanos() / 1_000_000.0),
                        dbTime.statements());
            }
        }
    }

    /** The route pattern, never the raw path (unbounded values); the same fallbacks as Spring's. */
    private static String route(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            return pattern;
        }
        int status = response.getStatus();
        if (status == 404) {
            return "NOT_FOUND";
        }
        return status >= 300 && status < 400 ? "REDIRECTION" : "UNKNOWN";
    }
}

package app.dukkan.platform.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
            String method = RouteNames.method(request.getMethod());
            String route = RouteNames.route(
                    request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
                            ? pattern
                            : null,
                    response.getStatus());
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
}

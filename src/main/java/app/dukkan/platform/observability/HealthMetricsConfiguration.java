package app.dukkan.platform.observability;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The per-route window behind {@code GET /health/metrics}, fed by every HTTP request's observation. */
@Configuration(proxyBeanMethods = false)
class HealthMetricsConfiguration {

    @Bean
    RouteWindow routeWindow(Clock clock, @Value("${dukkan.health-metrics.window:5m}") Duration window) {
        return new RouteWindow(clock, window);
    }

    @Bean
    RouteWindowHandler routeWindowHandler(RouteWindow window) {
        return new RouteWindowHandler(window);
    }
}

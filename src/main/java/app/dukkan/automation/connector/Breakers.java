package app.dukkan.automation.connector;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * A Resilience4j circuit breaker per connector target ({@code http:host:port}, {@code slack:host},
 * {@code whatsapp:<phone number id>}), published to Micrometer as {@code
 * resilience4j.circuitbreaker.*} tagged with the target's name. Only retryable failures count
 * against a target; a refusal that says the request was wrong (4xx) leaves its breaker alone.
 */
@Component
class Breakers {

    private final CircuitBreakerRegistry registry;
    private final Duration waitInOpenState;
    private final Clock clock;
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

    Breakers(ConnectorProperties properties, MeterRegistry meters, Clock clock) {
        ConnectorProperties.Breaker settings = properties.breaker();
        this.waitInOpenState = settings.waitInOpenState();
        this.clock = clock;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .clock(clock)
                .build());
        registry.getEventPublisher()
                .onEntryAdded(added -> added.getAddedEntry().getEventPublisher().onStateTransition(event -> {
                    if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                        openedAt.put(event.getCircuitBreakerName(), clock.instant());
                    }
                }));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /**
     * Runs one attempt against the target under its breaker.
     *
     * @throws ConnectorUnavailableException when the breaker is open (or half-open with its trial
     *     calls taken): nothing was attempted
     */
    <T> T call(String target, Supplier<T> attempt) {
        CircuitBreaker breaker = registry.circuitBreaker(target);
        if (!breaker.tryAcquirePermission()) {
            throw new ConnectorUnavailableException(target, retryAfter(target));
        }
        long start = System.nanoTime();
        try {
            T result = attempt.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (ConnectorException e) {
            if (e.retryable()) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            } else {
                breaker.releasePermission();
            }
            throw e;
        } catch (RuntimeException | Error e) {
            breaker.releasePermission();
            throw e;
        }
    }

    CircuitBreaker.State state(String target) {
        return registry.circuitBreaker(target).getState();
    }

    private Duration retryAfter(String target) {
        Instant opened = openedAt.get(target);
        if (opened == null) {
            return Duration.ofSeconds(1);
        }
        Duration left = Duration.between(clock.instant(), opened.plus(waitInOpenState));
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }
}

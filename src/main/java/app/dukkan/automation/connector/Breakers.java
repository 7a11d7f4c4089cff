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
 *
 * <p>Targets come from workflows' templates, so there may be any number of them over time: once
 * more than {@value #KEPT_TARGETS} breakers exist, a new target's first call forgets the breakers
 * (and their meters) that had no call for {@link #FORGET_AFTER}.
 */
@Component
class Breakers {

    static final int KEPT_TARGETS = 100;
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final CircuitBreakerRegistry registry;
    private final Duration waitInOpenState;
    private final Clock clock;
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastCalled = new ConcurrentHashMap<>();

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
        if (lastCalled.put(target, clock.instant()) == null) {
            forgetIdle();
        }
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

    private void forgetIdle() {
        if (lastCalled.size() <= KEPT_TARGETS) {
            return;
        }
        Instant idleSince = clock.instant().minus(FORGET_AFTER);
        lastCalled.forEach((target, last) -> {
            if (last.isBefore(idleSince) && lastCalled.remove(target, last)) {
                registry.remove(target);
                openedAt.remove(target);
            }
        });
    }

    /** How many targets have a breaker. */
    int targets() {
        return registry.getAllCircuitBreakers().size();
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

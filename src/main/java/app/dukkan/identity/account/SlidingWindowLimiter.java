package app.dukkan.identity.account;

import app.dukkan.platform.ProblemException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * At most {@code limit} events per key within any {@code window}: remembers the time of each
 * allowed event, per key, in this instance's memory. With several instances each counts on its
 * own, so a client may get up to instances × limit through.
 */
final class SlidingWindowLimiter {

    private final String name;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Deque<Instant>> events;

    SlidingWindowLimiter(String name, int limit, Duration window, Clock clock, long maximumKeys) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(name + ": the limit and window must be positive");
        }
        this.name = name;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        // a key not seen for a whole window has nothing left to remember
        this.events = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfterAccess(window)
                .build();
    }

    /** Counts one event for the key, or refuses it with 429 and when to try again. */
    void acquire(String key) {
        Duration wait = reserve(key);
        if (wait != null) {
            // Retry-After holds whole seconds: round up, so that a retry on time is allowed
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw ProblemException.temporary(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate-limited",
                    "Too many requests",
                    "Too many " + name + " requests; try again in " + seconds + " seconds.",
                    Duration.ofSeconds(seconds));
        }
    }

    /** Counts one event for the key and answers true, or answers false when the limit is reached. */
    boolean tryAcquire(String key) {
        return reserve(key) == null;
    }

    /** Counts the event if the limit allows it; otherwise how long until it would. */
    private @Nullable Duration reserve(String key) {
        Instant now = clock.instant();
        Instant[] refusedUntil = new Instant[1];
        events.asMap().compute(key, (k, times) -> {
            Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
            while (!kept.isEmpty() && !kept.peekFirst().isAfter(now.minus(window))) {
                kept.pollFirst();
            }
            if (kept.size() >= limit) {
                refusedUntil[0] = kept.peekFirst().plus(window);
            } else {
                kept.addLast(now);
            }
            return kept;
        });
        return refusedUntil[0] == null ? null : Duration.between(now, refusedUntil[0]);
    }
}

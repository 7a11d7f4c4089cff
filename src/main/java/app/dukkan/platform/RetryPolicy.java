package app.dukkan.platform;

import java.time.Duration;

/**
 * How a failed job is retried: after {@code firstDelay × factor^(failures − 1)}, at most {@code
 * maxDelay} apart, until {@code maxAttempts} runs failed; then it becomes a dead letter.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, double factor, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || factor < 1) {
            throw new IllegalArgumentException("delays must grow: 0 <= firstDelay <= maxDelay, factor >= 1");
        }
    }

    /** Doubling delays from {@code firstDelay}, at most an hour apart. */
    public static RetryPolicy exponential(int maxAttempts, Duration firstDelay) {
        return new RetryPolicy(maxAttempts, firstDelay, 2.0, Duration.ofHours(1).plus(firstDelay));
    }

    /** The wait before the next run after {@code failures} failed runs (1 after the first). */
    public Duration delayAfter(int failures) {
        double millis = firstDelay.toMillis() * Math.pow(factor, Math.max(0, failures - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }

    public boolean exhaustedAfter(int failures) {
        return failures >= maxAttempts;
    }
}

package app.dukkan.automation.connector;

import java.time.Duration;

/** The target's circuit breaker is open: the step should wait {@code retryAfter} without spending an attempt. */
public class ConnectorUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public ConnectorUnavailableException(String target, Duration retryAfter) {
        super("circuit open for " + target);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

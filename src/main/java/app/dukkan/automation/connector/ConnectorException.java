package app.dukkan.automation.connector;

/** A connector call that failed; {@code retryable} when trying again later may succeed (5xx, timeouts). */
public class ConnectorException extends RuntimeException {

    private final boolean retryable;

    public ConnectorException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ConnectorException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}

package app.dukkan.payments.provider;

/** A provider call that did not succeed, with whether trying again later may help. */
public class ProviderException extends RuntimeException {

    public enum Kind {
        /** No answer: connection refused, timed out. Retrying later may help. */
        UNAVAILABLE,
        /** The provider answered with a server error or an unexpected failure. Retrying may help. */
        ERROR,
        /** The provider refused the request itself (4xx); the same request will fail again. */
        REJECTED,
        /** The idempotency key was used before for a request with other parameters. */
        KEY_REUSED,
        /** The amount is below the smallest the provider charges in its currency (Stripe: €0.50). */
        AMOUNT_TOO_SMALL
    }

    private final Kind kind;

    public ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ProviderException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind == Kind.UNAVAILABLE || kind == Kind.ERROR;
    }
}

package app.dukkan.payments;

import org.jspecify.annotations.Nullable;

/**
 * What a card confirmation came to: paid, declined ({@code declineCode} and the provider's {@code
 * message} say why) or waiting for the customer's 3-D Secure step. The payment's event reaches the
 * shop through the webhook code either way.
 */
public record CardOutcome(
        Status status,
        @Nullable String declineCode,
        @Nullable String message) {

    public enum Status {
        SUCCEEDED,
        FAILED,
        REQUIRES_ACTION
    }
}

package app.dukkan.payments;

/**
 * Where a payment stands. {@code PROCESSING} covers a new intent waiting for the customer's
 * confirmation as well as one the provider is still deciding.
 */
public enum PaymentStatus {
    REQUIRES_ACTION,
    PROCESSING,
    SUCCEEDED,
    FAILED
}

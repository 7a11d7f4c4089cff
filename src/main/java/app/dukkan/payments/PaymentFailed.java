package app.dukkan.payments;

import java.util.UUID;

/** The provider declined the payment; the customer may try again with a new intent. */
public record PaymentFailed(UUID paymentId, String reference, String reason) {}

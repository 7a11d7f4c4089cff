package app.dukkan.payments;

import java.util.UUID;

/** The customer must complete a step such as 3-D Secure before the provider decides. */
public record PaymentRequiresAction(UUID paymentId, String reference) {}

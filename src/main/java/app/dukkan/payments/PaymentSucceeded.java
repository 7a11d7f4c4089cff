package app.dukkan.payments;

import app.dukkan.platform.Money;
import java.util.UUID;

/**
 * The provider confirmed the payment. {@code idempotencyKey} is the one its intent was created with
 * ({@link IntentRequest#idempotencyKey}): the caller's own word for what the payment was for.
 * Published once per payment, in the processing transaction.
 */
public record PaymentSucceeded(
        UUID paymentId,
        String reference,
        Money amount,
        String provider,
        String providerPaymentId,
        String idempotencyKey) {}

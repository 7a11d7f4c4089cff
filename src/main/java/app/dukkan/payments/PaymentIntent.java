package app.dukkan.payments;

import app.dukkan.platform.Money;
import java.util.UUID;

/**
 * A created payment intent and what the client needs to confirm it: Stripe's {@code client_secret}
 * for Stripe.js, or the built-in test provider's equivalent for its confirm endpoint.
 */
public record PaymentIntent(
        UUID paymentId,
        String provider,
        String providerPaymentId,
        String clientSecret,
        PaymentStatus status,
        Money amount) {}

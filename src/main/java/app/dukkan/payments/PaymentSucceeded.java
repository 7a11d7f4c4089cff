package app.dukkan.payments;

import app.dukkan.platform.Money;
import java.util.UUID;

/** The provider confirmed the payment. Published once per payment, in the processing transaction. */
public record PaymentSucceeded(
        UUID paymentId, String reference, Money amount, String provider, String providerPaymentId) {}

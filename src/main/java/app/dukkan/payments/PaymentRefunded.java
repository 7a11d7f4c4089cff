package app.dukkan.payments;

import app.dukkan.platform.Money;
import java.util.UUID;

/**
 * Money went back to the customer: {@code amount} this time, {@code refundedTotal} in all so far,
 * which counts lost disputes too (see {@link PaymentDisputeClosed#returnedTotal}). Refunds started
 * outside the shop (for example in Stripe's dashboard) arrive the same way.
 */
public record PaymentRefunded(UUID paymentId, String reference, Money amount, Money refundedTotal) {}

package app.dukkan.payments;

import app.dukkan.platform.Money;
import java.util.UUID;

/**
 * The provider refused a refund for good (a disputed or already refunded charge): {@code amount}
 * did not go back to the customer, and an operator must settle it by hand. {@code reason} is the
 * provider's answer, for operators.
 */
public record PaymentRefundRefused(UUID paymentId, String reference, UUID refundId, Money amount, String reason) {}

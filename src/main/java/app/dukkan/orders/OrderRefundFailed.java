package app.dukkan.orders;

import app.dukkan.platform.Money;
import java.util.UUID;

/**
 * A refund of {@code amount} that the customer was told about (by the refund mail, or by the
 * cancellation mail that announced it) was refused by the payment provider: the money did not go
 * back. {@code refundId} names the payment's refund, so that the customer hears of each refusal once.
 */
public record OrderRefundFailed(UUID orderId, String number, String email, UUID refundId, Money amount) {}

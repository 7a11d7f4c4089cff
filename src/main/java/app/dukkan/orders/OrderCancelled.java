package app.dukkan.orders;

import app.dukkan.platform.Money;
import java.util.UUID;

/**
 * A placed order was cancelled and its stock restored (unpaid drafts never are: they run out).
 * {@code refunded} is what the cancellation pays back, all that was left of the payment: zero for an
 * order that cost nothing. {@code reason} is {@code stock_shortage} when stock ran out before a late
 * payment arrived, {@code coupon_used_up} when its coupon's last use went to others meanwhile, else
 * the operator's.
 */
public record OrderCancelled(UUID orderId, String number, String email, String reason, Money refunded) {}

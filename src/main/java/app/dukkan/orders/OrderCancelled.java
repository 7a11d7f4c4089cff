package app.dukkan.orders;

import java.util.UUID;

/**
 * A paid order was cancelled and its stock restored; its payment is refunded. {@code reason} is
 * {@code stock_shortage} when stock ran out before a late payment arrived, {@code coupon_used_up}
 * when its coupon's last use went to others meanwhile.
 */
public record OrderCancelled(UUID orderId, String number, String email, String reason) {}

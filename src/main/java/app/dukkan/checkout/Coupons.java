package app.dukkan.checkout;

import java.util.UUID;

/** Coupon use is counted only when an order is paid. */
public interface Coupons {

    /**
     * Counts one use of the coupon by the customer for the paid order, in the caller's transaction.
     * A second call for the same order does nothing.
     */
    void redeem(String code, UUID orderId, String customerKey);
}

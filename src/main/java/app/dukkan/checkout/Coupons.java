package app.dukkan.checkout;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A coupon's limits hold: a started payment reserves one use until its stock hold expires, a paid
 * order counts it, a payment arriving after its reservation expired only within the limits. Once per customer is keyed by {@link #customerKey(String)}.
 */
public interface Coupons {

    /** Who uses a coupon: the email address, trimmed and in lower case (an account's or a guest's). */
    static String customerKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Reserves one use of the coupon for the order until {@code expiresAt}, in the caller's
     * transaction; a second call for the same order replaces its reservation. Checked under a lock of
     * the coupon, so concurrent payments cannot overrun its cap.
     *
     * @throws app.dukkan.platform.ProblemException 409 {@code coupon-unavailable} naming
     *     {@code coupon_code} when paid orders and running reservations leave no use for this one
     */
    void hold(String code, UUID orderId, String customerKey, Instant expiresAt);

    /** Gives the order's reservation back; does nothing when there is none. */
    void release(UUID orderId);

    /**
     * Gives back the use the order took (its reservation, or the use counted when it was paid), in
     * the caller's transaction, when the shop cancels the paid order: the customer may use a once per
     * customer coupon again, and a capped coupon has one more use. Under the coupon's lock, never
     * below zero; a second call for the same order gives nothing more.
     */
    void giveBack(UUID orderId);

    /**
     * Counts one use of the coupon for the paid order, in the caller's transaction: by the customer
     * its reservation was made for, else by {@code customerKey}. A payment made while its
     * reservation ran is always counted (the reservation kept that use free). A late one, after the
     * reservation expired, is counted only if the coupon is still switched on and within its period
     * and the cap and once per customer still allow it, checked under the coupon's lock; otherwise
     * nothing is counted and the caller refunds the payment, as it does when the stock ran out
     * meanwhile. A second call for the same order counts nothing more.
     *
     * @return false when a late payment finds the coupon ended, switched off or used up (or used by
     *     the customer meanwhile)
     */
    boolean redeem(String code, UUID orderId, String customerKey);
}

package app.dukkan.checkout.coupon;

import java.util.Optional;
import java.util.UUID;

/** Looks coupons up for pricing. */
public interface CouponDirectory {

    /** The coupon with this code, ignoring case. */
    Optional<Coupon> find(String code);

    /** Whether an order paid by this customer already used the coupon. */
    boolean usedBy(UUID couponId, String customerKey);
}

package app.dukkan.checkout;

import app.dukkan.platform.ProblemException;

/** Prices baskets with the configured shipping rates, tax rates and the shop's coupons. */
public interface Pricing {

    /**
     * @throws ProblemException 400 naming {@code address.country} when the shop does not ship there,
     *     {@code shipping_option} for an unknown option, {@code coupon_code} for a coupon that is
     *     unknown, expired, not yet valid, used up, already used by this customer or above the
     *     subtotal's minimum
     */
    Quote quote(QuoteRequest request);
}

package app.dukkan.checkout;

import app.dukkan.platform.Money;
import org.jspecify.annotations.Nullable;

/**
 * What to price: the subtotal of the lines, the destination (the shop's default country when null),
 * the shipping option (the cheapest when null), a coupon code and who would use it (user id, or the
 * guest's lower-cased email) for once-per-customer coupons.
 */
public record QuoteRequest(
        Money subtotal,
        @Nullable String country,
        @Nullable String shippingCode,
        @Nullable String couponCode,
        @Nullable String customerKey) {}

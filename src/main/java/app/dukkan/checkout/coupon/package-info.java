/** Coupons: the admin API, the rules a coupon must pass to apply, and redemption when an order is paid. */
@NullMarked
package app.dukkan.checkout.coupon;

import org.jspecify.annotations.NullMarked;

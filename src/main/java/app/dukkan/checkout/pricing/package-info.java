/** Pricing: shipping options per country, tax per country, coupon discounts and the totals of a basket. */
@NullMarked
package app.dukkan.checkout.pricing;

import org.jspecify.annotations.NullMarked;

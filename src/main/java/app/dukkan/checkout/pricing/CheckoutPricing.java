package app.dukkan.checkout.pricing;

import app.dukkan.checkout.Pricing;
import app.dukkan.checkout.Quote;
import app.dukkan.checkout.QuoteRequest;
import app.dukkan.checkout.ShippingOption;
import app.dukkan.checkout.config.CheckoutProperties.TaxRule;
import app.dukkan.checkout.coupon.Coupon;
import app.dukkan.checkout.coupon.CouponDirectory;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Totals of a basket: discount = the coupon's, never above the subtotal; shipping = the chosen (or
 * cheapest) option, free when the goods after discount reach its threshold; tax on goods after
 * discount plus shipping at the destination's rate, rounded half up to the currency's minor unit.
 * Exclusive tax is added to the total; inclusive tax is the part of the total that is tax,
 * {@code gross × rate / (100 + rate)}.
 */
public class CheckoutPricing implements Pricing {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PriceRules rules;
    private final CouponDirectory coupons;
    private final Clock clock;

    public CheckoutPricing(PriceRules rules, CouponDirectory coupons, Clock clock) {
        this.rules = rules;
        this.coupons = coupons;
        this.clock = clock;
    }

    @Override
    public Quote quote(QuoteRequest request) {
        Money subtotal = request.subtotal();
        if (!subtotal.currency().equals(rules.currency()) || subtotal.minor() < 0) {
            throw new IllegalArgumentException("subtotal must be a non-negative amount of " + rules.currency());
        }
        String country = request.country() == null
                ? rules.defaultCountry()
                : request.country().trim().toUpperCase(Locale.ROOT);

        Money discounts = Money.ofMinor(0, rules.currency());
        String couponCode = null;
        if (request.couponCode() != null && !request.couponCode().isBlank()) {
            String code = request.couponCode().trim();
            Coupon coupon = coupons.find(code).orElseThrow(() -> Coupon.unknown(code));
            boolean used = coupon.oncePerCustomer()
                    && request.customerKey() != null
                    && coupons.usedBy(coupon.id(), request.customerKey());
            coupon.checkApplicable(clock.instant(), subtotal, used);
            discounts = coupon.discountOn(subtotal);
            couponCode = coupon.code();
        }
        Money goods = Money.ofMinor(subtotal.minor() - discounts.minor(), rules.currency());

        List<ShippingOption> options = rules.shippingOptions(country, goods);
        ShippingOption shipping;
        if (request.shippingCode() == null) {
            shipping = options.stream()
                    .min(Comparator.comparing(ShippingOption::price))
                    .orElseThrow();
        } else {
            shipping = options.stream()
                    .filter(o -> o.code().equals(request.shippingCode()))
                    .findFirst()
                    .orElseThrow(() -> unknownOption(request.shippingCode(), country, options));
        }

        TaxRule rule = rules.tax(country);
        long base = goods.minor() + shipping.price().minor();
        BigDecimal rate = rule.rate();
        long tax = rule.inclusive()
                ? BigDecimal.valueOf(base)
                        .multiply(rate)
                        .divide(HUNDRED.add(rate), 0, RoundingMode.HALF_UP)
                        .longValueExact()
                : BigDecimal.valueOf(base)
                        .multiply(rate)
                        .divide(HUNDRED, 0, RoundingMode.HALF_UP)
                        .longValueExact();
        long total = rule.inclusive() ? base : base + tax;
        return new Quote(
                subtotal,
                discounts,
                options,
                shipping,
                Money.ofMinor(tax, rules.currency()),
                rate,
                rule.inclusive(),
                Money.ofMinor(total, rules.currency()),
                couponCode);
    }

    private static ProblemException unknownOption(String code, String country, List<ShippingOption> options) {
        String known =
                String.join(", ", options.stream().map(ShippingOption::code).toList());
        String message = "'" + code + "' is not offered for " + country + "; choose one of " + known;
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                "shipping-option-unknown",
                "Unknown shipping option",
                "shipping_option: " + message,
                List.of(new ProblemException.FieldProblem("shipping_option", message)));
    }
}

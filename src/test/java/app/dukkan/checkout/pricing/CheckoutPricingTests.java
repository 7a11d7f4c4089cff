package app.dukkan.checkout.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.checkout.Quote;
import app.dukkan.checkout.QuoteRequest;
import app.dukkan.checkout.ShippingOption;
import app.dukkan.checkout.config.CheckoutProperties;
import app.dukkan.checkout.config.CheckoutProperties.Rate;
import app.dukkan.checkout.config.CheckoutProperties.ShippingZone;
import app.dukkan.checkout.config.CheckoutProperties.TaxRule;
import app.dukkan.checkout.coupon.Coupon;
import app.dukkan.checkout.coupon.CouponDirectory;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CheckoutPricingTests {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final Map<String, Coupon> coupons = new HashMap<>();
    final Set<String> used = new HashSet<>();

    final CouponDirectory directory = new CouponDirectory() {
        @Override
        public Optional<Coupon> find(String code) {
            return Optional.ofNullable(coupons.get(code.toUpperCase()));
        }

        @Override
        public boolean usedBy(UUID couponId, String customerKey) {
            return used.contains(couponId + "/" + customerKey);
        }
    };

    static CheckoutProperties properties(boolean worldwide) {
        List<ShippingZone> zones = new java.util.ArrayList<>(List.of(
                new ShippingZone(
                        "Germany",
                        List.of("DE"),
                        List.of(
                                new Rate("standard", "Standard", new BigDecimal("4.90"), new BigDecimal("50.00"), null),
                                new Rate("express", "Express", new BigDecimal("9.90"), null, null))),
                new ShippingZone(
                        "EU",
                        List.of("AT", "fr"),
                        List.of(new Rate(
                                "standard", "Standard", new BigDecimal("9.90"), new BigDecimal("100"), null)))));
        if (worldwide) {
            zones.add(new ShippingZone(
                    "World",
                    List.of("*"),
                    List.of(new Rate("standard", "International", new BigDecimal("19.90"), null, null))));
        }
        return new CheckoutProperties(
                "DE",
                10,
                50,
                Duration.ofDays(30),
                Duration.ofDays(90),
                zones,
                Map.of(
                        "DE", new TaxRule(new BigDecimal("19"), true),
                        "AT", new TaxRule(new BigDecimal("20"), true),
                        "US", new TaxRule(new BigDecimal("7.25"), false)),
                new TaxRule(BigDecimal.ZERO, false));
    }

    CheckoutPricing pricing(boolean worldwide) {
        return new CheckoutPricing(
                new PriceRules(properties(worldwide), "EUR"), directory, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }

    static QuoteRequest request(String subtotal, @Nullable String country, @Nullable String shipping) {
        return new QuoteRequest(eur(subtotal), country, shipping, null, null);
    }

    Coupon coupon(String code, Coupon.Kind kind, @Nullable Integer percent, @Nullable String amount) {
        return coupon(code, kind, percent, amount, "0.00", NOW.minusSeconds(3600), null, null, 0, false, true);
    }

    Coupon coupon(
            String code,
            Coupon.Kind kind,
            @Nullable Integer percent,
            @Nullable String amount,
            String minSubtotal,
            Instant startsAt,
            @Nullable Instant endsAt,
            @Nullable Integer cap,
            int usedCount,
            boolean oncePerCustomer,
            boolean active) {
        Coupon c = new Coupon(
                UUID.randomUUID(),
                code,
                kind,
                percent,
                amount == null ? null : eur(amount),
                eur(minSubtotal),
                startsAt,
                endsAt,
                cap,
                usedCount,
                oncePerCustomer,
                active,
                NOW,
                NOW);
        coupons.put(code, c);
        return c;
    }

    @Test
    void defaultCountryCheapestOptionAndInclusiveTax() {
        Quote quote = pricing(true).quote(request("20.00", null, null));
        assertThat(quote.shipping().code()).isEqualTo("standard");
        assertThat(quote.shipping().price()).isEqualTo(eur("4.90"));
        assertThat(quote.shippingOptions()).extracting(ShippingOption::code).containsExactly("standard", "express");
        assertThat(quote.total()).isEqualTo(eur("24.90"));
        // 24.90 × 19 / 119 = 3.9756… → 3.98
        assertThat(quote.tax()).isEqualTo(eur("3.98"));
        assertThat(quote.taxInclusive()).isTrue();
        assertThat(quote.taxRatePercent()).isEqualByComparingTo("19");
        assertThat(quote.discounts()).isEqualTo(eur("0.00"));
        assertThat(quote.couponCode()).isNull();
    }

    @Test
    void shippingIsFreeFromTheThresholdOnAndAChosenOptionIsKept() {
        assertThat(pricing(true).quote(request("50.00", "DE", null)).shipping().price())
                .isEqualTo(eur("0.00"));
        assertThat(pricing(true).quote(request("49.99", "DE", null)).shipping().price())
                .isEqualTo(eur("4.90"));
        Quote express = pricing(true).quote(request("60.00", "DE", "express"));
        assertThat(express.shipping().price()).isEqualTo(eur("9.90"));
        assertThat(express.total()).isEqualTo(eur("69.90"));
    }

    @Test
    void exclusiveTaxIsAddedToTheTotalRoundedHalfUp() {
        // world rate 19.90 shipping; US 7.25 % on 10.00 + 19.90 = 29.90 → 2.16775 → 2.17
        Quote quote = pricing(true).quote(request("10.00", "us", null));
        assertThat(quote.tax()).isEqualTo(eur("2.17"));
        assertThat(quote.taxInclusive()).isFalse();
        assertThat(quote.total()).isEqualTo(eur("32.07"));
    }

    @Test
    void countriesWithoutTaxRuleUseTheDefault() {
        Quote quote = pricing(true).quote(request("10.00", "JP", null));
        assertThat(quote.tax()).isEqualTo(eur("0.00"));
        assertThat(quote.total()).isEqualTo(eur("29.90"));
    }

    @Test
    void refusesCountriesTheShopDoesNotShipToAndUnknownOptions() {
        assertThatThrownBy(() -> pricing(false).quote(request("10.00", "JP", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo("shipping-unavailable");
                    assertThat(e.errors().get(0).field()).isEqualTo("address.country");
                });
        assertThat(pricing(false).quote(request("10.00", "FR", null)).shipping().price())
                .isEqualTo(eur("9.90"));
        assertThatThrownBy(() -> pricing(false).quote(request("10.00", "AT", "express")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo("shipping-option-unknown");
                    assertThat(e.errors().get(0).field()).isEqualTo("shipping_option");
                });
    }

    @Test
    void percentCouponDiscountsTheSubtotalAndTaxFollowsTheDiscountedBase() {
        coupon("TEN", Coupon.Kind.PERCENT, 10, null);
        Quote quote = pricing(true).quote(new QuoteRequest(eur("59.95"), "DE", null, "ten", "u1"));
        // 5.995 → 6.00; goods 53.95 ≥ 50 → free shipping
        assertThat(quote.discounts()).isEqualTo(eur("6.00"));
        assertThat(quote.shipping().price()).isEqualTo(eur("0.00"));
        assertThat(quote.total()).isEqualTo(eur("53.95"));
        assertThat(quote.tax()).isEqualTo(eur("8.61"));
        assertThat(quote.couponCode()).isEqualTo("TEN");
    }

    @Test
    void discountsNeverExceedTheSubtotal() {
        coupon("BIG", Coupon.Kind.FIXED, null, "25.00");
        Quote quote = pricing(true).quote(new QuoteRequest(eur("10.00"), "DE", null, "BIG", null));
        assertThat(quote.discounts()).isEqualTo(eur("10.00"));
        assertThat(quote.total()).isEqualTo(eur("4.90"));
        coupon("ALL", Coupon.Kind.PERCENT, 100, null);
        assertThat(pricing(true)
                        .quote(new QuoteRequest(eur("10.00"), "DE", null, "ALL", null))
                        .discounts())
                .isEqualTo(eur("10.00"));
    }

    @Test
    void refusesCouponsThatDoNotApplyWithStableTypes() {
        coupon(
                "OLD",
                Coupon.Kind.PERCENT,
                5,
                null,
                "0",
                NOW.minusSeconds(7200),
                NOW.minusSeconds(1),
                null,
                0,
                false,
                true);
        coupon("SOON", Coupon.Kind.PERCENT, 5, null, "0", NOW.plusSeconds(60), null, null, 0, false, true);
        coupon("OFF", Coupon.Kind.PERCENT, 5, null, "0", NOW.minusSeconds(60), null, null, 0, false, false);
        coupon("GONE", Coupon.Kind.PERCENT, 5, null, "0", NOW.minusSeconds(60), null, 3, 3, false, true);
        Coupon once =
                coupon("ONCE", Coupon.Kind.PERCENT, 5, null, "0", NOW.minusSeconds(60), null, null, 1, true, true);
        coupon("MIN", Coupon.Kind.FIXED, null, "5.00", "30.00", NOW.minusSeconds(60), null, null, 0, false, true);
        used.add(once.id() + "/u1");

        assertCouponProblem("NOPE", "u1", "coupon-unknown", null);
        assertCouponProblem("OLD", "u1", "coupon-expired", null);
        assertCouponProblem("SOON", "u1", "coupon-not-yet-valid", null);
        assertCouponProblem("OFF", "u1", "coupon-inactive", null);
        assertCouponProblem("GONE", "u1", "coupon-used-up", null);
        assertCouponProblem("ONCE", "u1", "coupon-already-used", null);
        assertCouponProblem("MIN", "u1", "coupon-minimum-not-met", "30.00 EUR");

        // another customer may still use the once-per-customer coupon
        assertThat(pricing(true)
                        .quote(new QuoteRequest(eur("20.00"), "DE", null, "ONCE", "u2"))
                        .discounts())
                .isEqualTo(eur("1.00"));
    }

    private void assertCouponProblem(String code, String customer, String type, @Nullable String mentions) {
        assertThatThrownBy(() -> pricing(true).quote(new QuoteRequest(eur("20.00"), "DE", null, code, customer)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.errors().get(0).field()).isEqualTo("coupon_code");
                    if (mentions != null) {
                        assertThat(e.getMessage()).contains(mentions);
                    }
                });
    }

    @Test
    void refusesBrokenConfigurationAtStart() {
        CheckoutProperties good = properties(false);
        assertThatThrownBy(() -> new PriceRules(
                        new CheckoutProperties(
                                "JP",
                                10,
                                50,
                                Duration.ofDays(30),
                                Duration.ofDays(90),
                                good.shipping(),
                                good.tax(),
                                good.defaultTax()),
                        "EUR"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("default-country");
        assertThatThrownBy(() -> new PriceRules(
                        new CheckoutProperties(
                                "DE",
                                10,
                                50,
                                Duration.ofDays(30),
                                Duration.ofDays(90),
                                List.of(new ShippingZone(
                                        "x",
                                        List.of("DE"),
                                        List.of(new Rate("std", "Std", new BigDecimal("4.999"), null, null)))),
                                Map.of(),
                                good.defaultTax()),
                        "EUR"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> withGermanTax(good, "120"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rate");
        // orders store the rate with 3 decimals
        assertThatThrownBy(() -> withGermanTax(good, "7.6875"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 decimals");
        assertThat(withGermanTax(good, "7.125")).isNotNull();
    }

    private static PriceRules withGermanTax(CheckoutProperties good, String rate) {
        return new PriceRules(
                new CheckoutProperties(
                        "DE",
                        10,
                        50,
                        Duration.ofDays(30),
                        Duration.ofDays(90),
                        good.shipping(),
                        Map.of("DE", new TaxRule(new BigDecimal(rate), true)),
                        good.defaultTax()),
                "EUR");
    }
}

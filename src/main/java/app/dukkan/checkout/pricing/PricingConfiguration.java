package app.dukkan.checkout.pricing;

import app.dukkan.checkout.config.CheckoutProperties;
import app.dukkan.checkout.config.ShopCurrency;
import app.dukkan.checkout.coupon.CouponDirectory;
import java.time.Clock;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PricingConfiguration {

    @Bean
    PriceRules priceRules(CheckoutProperties properties, ShopCurrency currency) {
        return new PriceRules(properties, currency.code());
    }

    /** Named for the pages' templates: {@code ${@shippingNames.name(...)}}. */
    @Bean
    ShippingOptionNames shippingNames(PriceRules rules, MessageSource messages) {
        return new ShippingOptionNames(rules, messages);
    }

    @Bean
    CheckoutPricing pricing(PriceRules rules, CouponDirectory coupons, Clock clock) {
        return new CheckoutPricing(rules, coupons, clock);
    }
}

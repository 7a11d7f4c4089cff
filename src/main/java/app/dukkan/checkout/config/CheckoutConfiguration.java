package app.dukkan.checkout.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckoutProperties.class)
class CheckoutConfiguration {

    /** Every price of the catalog is in this currency, so carts, coupons and quotes are too. */
    @Bean
    ShopCurrency shopCurrency(@Value("${dukkan.catalog.currency:EUR}") String currency) {
        return new ShopCurrency(currency);
    }
}

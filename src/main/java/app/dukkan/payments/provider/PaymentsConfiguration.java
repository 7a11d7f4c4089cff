package app.dukkan.payments.provider;

import app.dukkan.payments.BrowserPayments;
import app.dukkan.platform.PageOrigins;
import app.dukkan.platform.StartupRefusedException;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentsProperties.class)
class PaymentsConfiguration {

    /** The provider the shop's payment page works with, and Stripe's publishable key for Stripe.js. */
    @Bean
    BrowserPayments browserPayments(PaymentsProperties properties) {
        PaymentsProperties.Stripe stripe = properties.stripe();
        return stripe.enabled()
                ? new BrowserPayments("stripe", stripe.publishableKey())
                : new BrowserPayments("test", null);
    }

    /**
     * Stripe.js on the payment page: its script, the frames of the Payment Element and 3-D Secure,
     * and its API. Only when Stripe takes the payments; the pages allow no other site otherwise.
     */
    @Bean
    @Conditional(StripeConfigured.class)
    PageOrigins stripePageOrigins() {
        return new PageOrigins(
                List.of("https://js.stripe.com", "https://*.js.stripe.com"),
                List.of("https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"),
                List.of("https://api.stripe.com"));
    }

    /**
     * A shop with neither Stripe nor the explicitly enabled test provider could not take a payment,
     * and enabling the test provider silently would take orders paid with any valid-looking card
     * number: it refuses to start, before any bean (database, web server) is made.
     */
    @Bean
    static BeanFactoryPostProcessor paymentProviderRequired(Environment environment) {
        return beanFactory -> {
            if (!StripeConfigured.stripe(environment) && !StripeConfigured.testProviderEnabled(environment)) {
                throw new StartupRefusedException(
                        "No payment provider is configured: STRIPE_SECRET_KEY is not set, and the built-in test"
                                + " provider, which takes any valid test card number as payment, is on by default"
                                + " only in the dev profile.",
                        "Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to take real payments, or set "
                                + StripeConfigured.TEST_PROVIDER_ENABLED
                                + "=true (DUKKAN_PAYMENTS_TEST_PROVIDER_ENABLED=true) for a shop that takes no"
                                + " real money (demonstration, tests, benchmarks).");
            }
        };
    }
}

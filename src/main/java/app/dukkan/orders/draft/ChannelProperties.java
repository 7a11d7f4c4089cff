package app.dukkan.orders.draft;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Checkout through a channel other than the shop's pages (a WhatsApp chat), under {@code
 * dukkan.orders.channel}.
 *
 * @param baseUrl the shop's public address, which payment links start with
 * @param paymentLinkLifetime how long a payment link opens its draft's payment
 * @param grantLifetime how long a browser that opened a payment link may pay that draft (its cookie)
 */
@ConfigurationProperties("dukkan.orders.channel")
record ChannelProperties(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("24h") Duration paymentLinkLifetime,
        @DefaultValue("1h") Duration grantLifetime) {

    ChannelProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (paymentLinkLifetime.isNegative() || paymentLinkLifetime.isZero()) {
            throw new IllegalArgumentException("dukkan.orders.channel.payment-link-lifetime must be positive");
        }
        if (grantLifetime.isNegative() || grantLifetime.isZero()) {
            throw new IllegalArgumentException("dukkan.orders.channel.grant-lifetime must be positive");
        }
    }
}

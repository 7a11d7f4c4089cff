package app.dukkan.orders.receipt;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Receipt settings.
 *
 * @param receiptUrlTtl how long a receipt link handed to a customer or admin works
 * @param receiptShopName the seller's name printed on receipts
 * @param receiptLanguage the language of a guest's receipt (a customer's speaks the account's)
 */
@ConfigurationProperties("dukkan.orders")
record ReceiptProperties(
        @DefaultValue("24h") Duration receiptUrlTtl,
        @DefaultValue("Dukkan") String receiptShopName,
        @DefaultValue("en") Locale receiptLanguage) {

    ReceiptProperties {
        if (receiptUrlTtl.isNegative() || receiptUrlTtl.isZero()) {
            throw new IllegalArgumentException("dukkan.orders.receipt-url-ttl must be positive");
        }
    }
}

package app.dukkan.storefront.cart;

import app.dukkan.platform.Money;
import java.text.NumberFormat;
import java.util.Currency;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Amounts of money as the page's language writes them ({@code ${@cartPrices.format(line.unitPrice)}}):
 * {@code €1,234.50}, {@code 1.234,50 €}, {@code ١٬٢٣٤٫٥٠ €}.
 */
@Component("cartPrices")
public class Prices {

    public String format(@Nullable Money money) {
        if (money == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(LocaleContextHolder.getLocale());
        format.setCurrency(Currency.getInstance(money.currency()));
        format.setMinimumFractionDigits(Money.fractionDigits(money.currency()));
        format.setMaximumFractionDigits(Money.fractionDigits(money.currency()));
        return format.format(money.amount());
    }

    /** A discount, written as a negative amount. */
    public String negative(Money money) {
        return format(Money.ofMinor(-money.minor(), money.currency()));
    }
}

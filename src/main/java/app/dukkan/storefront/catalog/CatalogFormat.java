package app.dukkan.storefront.catalog;

import app.dukkan.platform.Money;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Prices as the page's language writes them, for the catalog's templates ({@code @catalogFormat}). */
@Component("catalogFormat")
class CatalogFormat {

    public String price(@Nullable Money money) {
        if (money == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency currency = Currency.getInstance(money.currency());
        format.setCurrency(currency);
        format.setMinimumFractionDigits(Money.fractionDigits(money.currency()));
        format.setMaximumFractionDigits(Money.fractionDigits(money.currency()));
        return format.format(money.amount());
    }

    public String number(long value) {
        return NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale()).format(value);
    }
}

package app.dukkan.storefront.web;

import app.dukkan.platform.Money;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Money, numbers and times as the page's language writes them, for every page
 * ({@code ${@fmt.money(line.unitPrice)}}): {@code €1,234.50}, {@code 1.234,50 €}, {@code ١٬٢٣٤٫٥٠ €}.
 * Times are shown in UTC, as on receipts and in mails.
 */
@Component("fmt")
public class Formats {

    private record CurrencyFormat(Locale locale, String currency) {}

    /** Prototypes per language and currency (building one costs more than a page's other work); used as clones. */
    private final Map<CurrencyFormat, NumberFormat> currencies = new ConcurrentHashMap<>();

    public String money(@Nullable Money money) {
        if (money == null) {
            return "";
        }
        NumberFormat prototype = currencies.computeIfAbsent(
                new CurrencyFormat(LocaleContextHolder.getLocale(), money.currency()),
                key -> Money.currencyFormat(key.locale(), key.currency()));
        return ((NumberFormat) prototype.clone()).format(money.amount());
    }

    /** A discount, written as a negative amount. */
    public String negative(Money money) {
        return money(Money.ofMinor(-money.minor(), money.currency()));
    }

    public String number(long number) {
        return NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale()).format(number);
    }

    public String date(Instant instant) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(LocaleContextHolder.getLocale())
                .withZone(ZoneOffset.UTC)
                .format(instant);
    }

    public String dateTime(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale())
                .withZone(ZoneOffset.UTC)
                .format(instant);
    }

    /** For {@code <time datetime>}: ISO 8601. */
    public String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}

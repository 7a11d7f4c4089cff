package app.dukkan.storefront.account;

import app.dukkan.identity.Accounts;
import app.dukkan.platform.Money;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Amounts, numbers and times on account pages, in the page's language: {@code ${@accountFormat.money(…)}}.
 * Times are shown in UTC, as on receipts and in mails.
 */
@Component("accountFormat")
public class AccountFormat {

    public String money(Money money) {
        Locale locale = LocaleContextHolder.getLocale();
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance(money.currency()));
        int digits = Money.fractionDigits(money.currency());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(money.amount());
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

    /** The fewest characters a password may have, for the forms' hints and {@code minlength}. */
    public int getMinPasswordLength() {
        return Accounts.MIN_PASSWORD_LENGTH;
    }

    /** For {@code <time datetime>}: ISO 8601. */
    public String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}

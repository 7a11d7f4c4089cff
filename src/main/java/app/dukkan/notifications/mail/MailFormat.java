package app.dukkan.notifications.mail;

import app.dukkan.platform.Money;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/** Formats amounts and times for one mail's language; templates call it as {@code fmt}. */
public final class MailFormat {

    private final Locale locale;
    private final ZoneId zone;

    MailFormat(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    public String money(Money money) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency currency = Currency.getInstance(money.currency());
        format.setCurrency(currency);
        int digits = Money.fractionDigits(money.currency());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(money.amount());
    }

    public String dateTime(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone)
                .format(instant);
    }

    public boolean positive(Money money) {
        return money.minor() > 0;
    }
}

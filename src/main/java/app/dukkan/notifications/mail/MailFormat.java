package app.dukkan.notifications.mail;

import app.dukkan.platform.Money;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Formats amounts and times for one mail's language; templates call it as {@code fmt}. One instance
 * serves one rendering (one thread), so it keeps the formats it made: building a currency format
 * reads the locale's symbols anew and was a tenth of a confirmation mail's rendering.
 */
public final class MailFormat {

    private final Locale locale;
    private final ZoneId zone;
    private final Map<String, NumberFormat> moneyFormats = new HashMap<>(2);

    MailFormat(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    public String money(Money money) {
        return moneyFormats
                .computeIfAbsent(money.currency(), this::currencyFormat)
                .format(money.amount());
    }

    private NumberFormat currencyFormat(String currencyCode) {
        return Money.currencyFormat(locale, currencyCode);
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

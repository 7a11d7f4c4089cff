package app.dukkan.platform;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * An amount of money: integer minor units and an ISO 4217 currency. In JSON it reads
 * {@code {"amount": 19.99, "currency": "EUR"}}.
 */
public record Money(
        @JsonIgnore long minor, @JsonProperty("currency") String currency) implements Comparable<Money> {

    public Money {
        Currency.getInstance(currency);
    }

    public static Money ofMinor(long minor, String currency) {
        return new Money(minor, currency);
    }

    /** Digits an amount may have in all; far more than any price, far fewer than an attack needs. */
    private static final int MAX_DIGITS = 24;

    /** Digits before the decimal point: up to 999 999 999 999 major units, so minor units fit a long. */
    private static final int MAX_INTEGER_DIGITS = 12;

    /**
     * Reads a decimal amount such as {@code 19.99}; more decimals than the currency has are refused
     * rather than rounded. Digits and scale are checked before any arithmetic: a client's
     * {@code 1e-10000000} costs nothing, and the complaint (an {@link IllegalArgumentException} whose
     * message completes the field's name, e.g. "must have at most 2 decimals in EUR") never repeats
     * the amount.
     */
    @JsonCreator
    public static Money of(@JsonProperty("amount") BigDecimal amount, @JsonProperty("currency") String currency) {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("amount and currency are required");
        }
        Currency iso;
        try {
            iso = Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR");
        }
        int digits = Math.max(iso.getDefaultFractionDigits(), 0);
        if (amount.signum() == 0) {
            return new Money(0, currency);
        }
        // precision() and scale() are cheap; setScale() or toPlainString() on 1e-10000000 are not
        if (amount.precision() > MAX_DIGITS) {
            throw new IllegalArgumentException("must have at most " + MAX_DIGITS + " digits");
        }
        if ((long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(
                    "must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point");
        }
        // with at most MAX_DIGITS digits, stripping zeros is cheap and leaves the decimals that count
        if (amount.scale() > digits && amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("must have at most " + digits + " decimals in " + currency);
        }
        return new Money(
                amount.setScale(digits, RoundingMode.UNNECESSARY)
                        .movePointRight(digits)
                        .longValueExact(),
                currency);
    }

    @JsonProperty("amount")
    public BigDecimal amount() {
        return BigDecimal.valueOf(minor, fractionDigits(currency));
    }

    /**
     * A new format that writes amounts of {@code currency} as {@code locale} does, with the
     * currency's own number of decimals. Building one reads the locale's symbols: callers keep it.
     */
    public static NumberFormat currencyFormat(Locale locale, String currency) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance(currency));
        int digits = fractionDigits(currency);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format;
    }

    public static int fractionDigits(String currency) {
        return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
    }

    @Override
    public int compareTo(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot compare " + currency + " with " + other.currency);
        }
        return Long.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return amount().toPlainString() + " " + currency;
    }
}

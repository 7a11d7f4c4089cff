package app.dukkan.platform;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

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

    /**
     * Reads a decimal amount such as {@code 19.99}; more decimals than the currency has are refused
     * rather than rounded.
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
            throw new IllegalArgumentException("unknown currency " + currency);
        }
        int digits = Math.max(iso.getDefaultFractionDigits(), 0);
        try {
            return new Money(
                    amount.setScale(digits, RoundingMode.UNNECESSARY)
                            .movePointRight(digits)
                            .longValueExact(),
                    currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "amount " + amount.toPlainString() + " is not a valid " + currency + " amount");
        }
    }

    @JsonProperty("amount")
    public BigDecimal amount() {
        return BigDecimal.valueOf(minor, fractionDigits(currency));
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

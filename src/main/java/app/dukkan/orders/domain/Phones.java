package app.dukkan.orders.domain;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Phone numbers as E.164: {@code +} and 7 to 15 digits, the form WhatsApp names its customers by
 * (without the {@code +}). Spaces, dashes and brackets go; a leading {@code 00} is the international
 * prefix. A number without either prefix is taken as already international (WhatsApp's ids are).
 * The same lengths as the WhatsApp inbox and the consent log take: a number one of them accepts,
 * the others do too.
 */
public final class Phones {

    private Phones() {}

    /** The number as E.164, or empty when it cannot be one. */
    public static Optional<String> normalize(@Nullable String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        String digits = phone.strip().replaceAll("[\\s()-]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (!digits.matches("[1-9][0-9]{6,14}")) {
            return Optional.empty();
        }
        return Optional.of("+" + digits);
    }
}

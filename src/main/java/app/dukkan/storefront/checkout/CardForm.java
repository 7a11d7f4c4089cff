package app.dukkan.storefront.checkout;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The test provider's card form: number, expiry ({@code MM/YY}) and security code. The number is
 * kept when the form comes back with errors, the security code never.
 */
record CardForm(String number, String expiry, String cvc) {

    private static final Pattern EXPIRY = Pattern.compile("(\\d{1,2})\\s*/?\\s*(\\d{2}|\\d{4})");
    private static final Pattern CVC = Pattern.compile("\\d{3,4}");

    static CardForm empty() {
        return new CardForm("", "", "");
    }

    static CardForm of(@Nullable String number, @Nullable String expiry, @Nullable String cvc) {
        return new CardForm(
                number == null ? "" : number.strip(),
                expiry == null ? "" : expiry.strip(),
                cvc == null ? "" : cvc.strip());
    }

    /** The number without the spaces and dashes people type. */
    String digits() {
        return number.replaceAll("[\\s-]", "");
    }

    Map<String, String> problems(YearMonth now) {
        Map<String, String> problems = new LinkedHashMap<>();
        String digits = digits();
        if (digits.isEmpty()) {
            problems.put("card_number", "checkout.error.required");
        } else if (!luhn(digits)) {
            problems.put("card_number", "checkout.error.card-number");
        }
        Matcher expiry = EXPIRY.matcher(this.expiry);
        if (this.expiry.isEmpty()) {
            problems.put("expiry", "checkout.error.required");
        } else if (!expiry.matches()) {
            problems.put("expiry", "checkout.error.expiry");
        } else {
            int month = Integer.parseInt(expiry.group(1));
            int year = Integer.parseInt(expiry.group(2));
            year = year < 100 ? 2000 + year : year;
            if (month < 1 || month > 12) {
                problems.put("expiry", "checkout.error.expiry");
            } else if (YearMonth.of(year, month).isBefore(now)) {
                problems.put("expiry", "checkout.error.expired");
            }
        }
        if (cvc.isEmpty()) {
            problems.put("cvc", "checkout.error.required");
        } else if (!CVC.matcher(cvc).matches()) {
            problems.put("cvc", "checkout.error.cvc");
        }
        return problems;
    }

    /** The form as it is shown again: without the security code. */
    CardForm withoutCvc() {
        return new CardForm(number, expiry, "");
    }

    /** 12 to 19 digits passing the Luhn check, as card numbers do. */
    static boolean luhn(String digits) {
        if (!digits.matches("\\d{12,19}")) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}

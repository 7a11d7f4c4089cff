package app.dukkan.storefront.checkout;

import app.dukkan.checkout.Address;
import app.dukkan.orders.CheckoutDraft;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The address step's fields as the shopper typed them (kept when the form comes back with errors),
 * checked with the same rules the API's {@link Address} has, each problem a message key per field.
 */
record AddressForm(
        String email,
        String name,
        String line1,
        String line2,
        String city,
        String postalCode,
        String country,
        String phone) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9 -]{2,20}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{4,32}");
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    static AddressForm empty() {
        return new AddressForm("", "", "", "", "", "", "", "");
    }

    static AddressForm of(CheckoutDraft draft) {
        Address a = draft.address();
        return new AddressForm(
                draft.email(),
                a.name(),
                a.line1(),
                a.line2() == null ? "" : a.line2(),
                a.city(),
                a.postalCode(),
                a.country(),
                a.phone() == null ? "" : a.phone());
    }

    static AddressForm of(
            @Nullable String email,
            @Nullable String name,
            @Nullable String line1,
            @Nullable String line2,
            @Nullable String city,
            @Nullable String postalCode,
            @Nullable String country,
            @Nullable String phone) {
        return new AddressForm(
                trim(email),
                trim(name),
                trim(line1),
                trim(line2),
                trim(city),
                trim(postalCode),
                trim(country).toUpperCase(Locale.ROOT),
                trim(phone));
    }

    /**
     * Field name → message key of what is wrong with it, in the form's order; empty when valid.
     * {@code guest}: whether the email is needed (a signed-in customer's comes from the account).
     */
    Map<String, String> problems(boolean guest) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (guest) {
            if (email.isEmpty()) {
                problems.put("email", "checkout.error.email.required");
            } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                problems.put("email", "checkout.error.email.invalid");
            }
        }
        required(problems, "name", name, 120);
        required(problems, "line1", line1, 200);
        if (line2.length() > 200) {
            problems.put("line2", "checkout.error.too-long");
        }
        required(problems, "city", city, 100);
        if (postalCode.isEmpty()) {
            problems.put("postal_code", "checkout.error.required");
        } else if (!POSTAL_CODE.matcher(postalCode).matches()) {
            problems.put("postal_code", "checkout.error.postal-code");
        }
        if (country.isEmpty()) {
            problems.put("country", "checkout.error.country.required");
        } else if (!COUNTRIES.contains(country)) {
            problems.put("country", "checkout.error.country.unknown");
        }
        if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            problems.put("phone", "checkout.error.phone");
        }
        return problems;
    }

    Address address() {
        return new Address(
                name, line1, line2.isEmpty() ? null : line2, city, postalCode, country, phone.isEmpty() ? null : phone);
    }

    private static void required(Map<String, String> problems, String field, String value, int max) {
        if (value.isEmpty()) {
            problems.put(field, "checkout.error.required");
        } else if (value.length() > max) {
            problems.put(field, "checkout.error.too-long");
        }
    }

    private static String trim(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}

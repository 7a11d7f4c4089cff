package app.dukkan.storefront.checkout;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The countries of the address form, named and sorted in the page's language ({@code ${@checkoutCountries.all}}). */
@Component("checkoutCountries")
public class Countries {

    /** An ISO 3166-1 alpha-2 code and the country's name in the page's language. */
    public record Country(String code, String name) {}

    private final Map<Locale, List<Country>> byLocale = new ConcurrentHashMap<>();

    public List<Country> getAll() {
        Locale locale = LocaleContextHolder.getLocale();
        return byLocale.computeIfAbsent(locale, Countries::sorted);
    }

    public String name(String code) {
        return new Locale("", code).getDisplayCountry(LocaleContextHolder.getLocale());
    }

    private static List<Country> sorted(Locale locale) {
        Collator collator = Collator.getInstance(locale);
        return AddressForm.COUNTRIES.stream()
                .map(code -> new Country(code, new Locale("", code).getDisplayCountry(locale)))
                .filter(country -> !country.name().equals(country.code()))
                .sorted(Comparator.comparing(Country::name, collator))
                .toList();
    }
}

package app.dukkan.checkout.pricing;

import app.dukkan.checkout.ShippingOption;
import app.dukkan.checkout.config.CheckoutProperties;
import app.dukkan.checkout.config.CheckoutProperties.Rate;
import app.dukkan.checkout.config.CheckoutProperties.ShippingZone;
import app.dukkan.checkout.config.CheckoutProperties.TaxRule;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The configured shipping and tax rules, checked once at start-up so a typo stops the shop instead
 * of mispricing orders.
 */
public final class PriceRules {

    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final String ANY = "*";
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,99}$");

    private record Option(
            String code,
            String name,
            Money price,
            @Nullable Money freeAbove,
            @Nullable String label) {}

    private final String currency;
    private final String defaultCountry;
    private final Map<String, List<Option>> byCountry = new HashMap<>();
    private final List<Option> fallback;
    private final Map<String, TaxRule> tax = new HashMap<>();
    private final TaxRule defaultTax;

    public PriceRules(CheckoutProperties properties, String currency) {
        this.currency = currency;
        this.defaultCountry = properties.defaultCountry().toUpperCase(Locale.ROOT);
        require(COUNTRY.matcher(defaultCountry).matches(), "default-country must be an ISO code such as DE");
        require(!properties.shipping().isEmpty(), "shipping needs at least one group of countries");
        List<Option> any = null;
        for (int i = 0; i < properties.shipping().size(); i++) {
            ShippingZone zone = properties.shipping().get(i);
            String where = "shipping[" + i + "]";
            require(!zone.countries().isEmpty(), where + ".countries is empty");
            require(!zone.options().isEmpty(), where + ".options is empty");
            List<Option> options = new ArrayList<>();
            Set<String> codes = new HashSet<>();
            for (Rate rate : zone.options()) {
                require(
                        rate.code() != null && rate.code().matches("^[a-z0-9][a-z0-9_-]{0,31}$"),
                        where + " option code '" + rate.code() + "' must be lower-case letters, digits, - or _");
                require(codes.add(rate.code()), where + " lists option '" + rate.code() + "' twice");
                require(
                        rate.name() != null && !rate.name().isBlank(),
                        where + " option " + rate.code() + " needs a name");
                Money price = money(where + "." + rate.code() + ".price", rate.price());
                Money freeAbove = rate.freeAbove() == null
                        ? null
                        : money(where + "." + rate.code() + ".free-above", rate.freeAbove());
                require(
                        rate.label() == null || LABEL.matcher(rate.label()).matches(),
                        where + " option " + rate.code() + " label '" + rate.label() + "' is not a message key");
                options.add(new Option(rate.code(), rate.name(), price, freeAbove, rate.label()));
            }
            for (String raw : zone.countries()) {
                String country = raw.trim().toUpperCase(Locale.ROOT);
                if (country.equals(ANY)) {
                    require(any == null, "two shipping groups list '*'");
                    any = List.copyOf(options);
                } else {
                    require(COUNTRY.matcher(country).matches(), where + " country '" + raw + "' is not an ISO code");
                    require(
                            byCountry.put(country, List.copyOf(options)) == null,
                            "country " + country + " is in two shipping groups");
                }
            }
        }
        this.fallback = any;
        properties.tax().forEach((country, rule) -> {
            String code = country.trim().toUpperCase(Locale.ROOT);
            require(COUNTRY.matcher(code).matches(), "tax country '" + country + "' is not an ISO code");
            checkRate("tax." + code, rule);
            tax.put(code, rule);
        });
        this.defaultTax = properties.defaultTax();
        checkRate("default-tax", defaultTax);
        require(
                byCountry.containsKey(defaultCountry) || fallback != null,
                "the shop does not ship to its default-country");
        require(properties.maxLineQuantity() >= 1, "max-line-quantity must be at least 1");
        require(properties.maxLines() >= 1, "max-lines must be at least 1");
    }

    public String currency() {
        return currency;
    }

    public String defaultCountry() {
        return defaultCountry;
    }

    /**
     * The options for the country at their price for goods worth {@code goods}.
     *
     * @throws ProblemException 400 naming {@code address.country} when the shop does not ship there
     */
    public List<ShippingOption> shippingOptions(String country, Money goods) {
        List<Option> options = byCountry.getOrDefault(country, fallback);
        if (options == null) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "shipping-unavailable",
                    "No shipping to this country",
                    "address.country: the shop does not ship to " + country,
                    List.of(new ProblemException.FieldProblem(
                            "address.country", "the shop does not ship to " + country)));
        }
        return options.stream()
                .map(o -> new ShippingOption(
                        o.code(),
                        o.name(),
                        o.freeAbove() != null && goods.compareTo(o.freeAbove()) >= 0
                                ? Money.ofMinor(0, currency)
                                : o.price()))
                .toList();
    }

    /** The message key naming the country's option {@code code}; empty when it has none or is not offered there. */
    public Optional<String> label(String country, String code) {
        return byCountry
                .getOrDefault(country.toUpperCase(Locale.ROOT), fallback == null ? List.of() : fallback)
                .stream()
                .filter(option -> option.code().equals(code))
                .map(Option::label)
                .filter(Objects::nonNull)
                .findFirst();
    }

    public TaxRule tax(String country) {
        return tax.getOrDefault(country, defaultTax);
    }

    private Money money(String what, @Nullable BigDecimal amount) {
        require(amount != null && amount.signum() >= 0, what + " must be zero or more");
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("dukkan.checkout." + what + ": " + e.getMessage());
        }
    }

    private static void checkRate(String what, TaxRule rule) {
        require(
                rule.rate() != null && rule.rate().signum() >= 0 && rule.rate().compareTo(BigDecimal.valueOf(100)) <= 0,
                what + ".rate must be between 0 and 100");
        // orders store the rate as numeric(6,3): a finer one would be stored rounded, and every
        // payment start would find the stored totals differ from a fresh pricing
        require(
                rule.rate().stripTrailingZeros().scale() <= 3,
                what + ".rate may have at most 3 decimals (an order stores it so): "
                        + rule.rate().toPlainString());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("dukkan.checkout: " + message);
        }
    }
}

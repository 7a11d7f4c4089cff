package app.dukkan.checkout.pricing;

import app.dukkan.checkout.ShippingNames;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** Shipping options named by the message key their rate is configured with ({@code label}). */
class ShippingOptionNames implements ShippingNames {

    private final PriceRules rules;
    private final MessageSource messages;

    ShippingOptionNames(PriceRules rules, MessageSource messages) {
        this.rules = rules;
        this.messages = messages;
    }

    @Override
    public String name(String country, String code, String fallback, Locale language) {
        return rules.label(country, code)
                .map(label -> messages.getMessage(label, null, fallback, language))
                .orElse(fallback);
    }
}

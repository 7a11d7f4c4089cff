package app.dukkan.checkout;

import java.util.Locale;

/**
 * Names of shipping options in the shop's languages, for drafts and orders alike: an order keeps the
 * name its option had when it was priced, in the words of the shop's settings, and is shown in the
 * reader's language by its country and option code ({@code ${@shippingNames.name(...)}} on pages).
 */
public interface ShippingNames {

    /**
     * The name of the option {@code code} for {@code country} in {@code language}; {@code fallback}
     * (the configured or stored name) when the shop has no words for it in that language, or no
     * longer offers it.
     */
    String name(String country, String code, String fallback, Locale language);
}

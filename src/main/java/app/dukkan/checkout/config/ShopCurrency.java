package app.dukkan.checkout.config;

import java.util.Currency;

/** The shop's currency ({@code dukkan.catalog.currency}), as an ISO 4217 code. */
public record ShopCurrency(String code) {

    public ShopCurrency {
        Currency.getInstance(code);
    }
}

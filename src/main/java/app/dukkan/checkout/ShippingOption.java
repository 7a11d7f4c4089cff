package app.dukkan.checkout;

import app.dukkan.platform.Money;

/** One way to ship to a country, at its price for the basket (zero above a free-shipping threshold). */
public record ShippingOption(String code, String name, Money price) {}

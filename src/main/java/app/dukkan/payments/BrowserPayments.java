package app.dukkan.payments;

import org.jspecify.annotations.Nullable;

/**
 * What a shop page needs to let a customer pay: the provider that takes the payments ({@code
 * stripe} or {@code test}) and, with Stripe, the publishable key for Stripe.js (null when it is not
 * configured: then the page cannot show Stripe's Payment Element).
 */
public record BrowserPayments(String provider, @Nullable String stripePublishableKey) {

    public boolean stripe() {
        return provider.equals("stripe");
    }

    /** Stripe takes the payments and Stripe.js can be given its key. */
    public boolean stripeElements() {
        return stripe() && stripePublishableKey != null && !stripePublishableKey.isBlank();
    }
}

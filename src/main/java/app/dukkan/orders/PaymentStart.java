package app.dukkan.orders;

import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A started payment of a draft and what the client needs to confirm it: {@code clientSecret} for
 * Stripe.js, or for the built-in test provider's confirmation; the draft's stock is held until
 * {@code reservedUntil}. A draft that costs nothing is placed at once instead: provider {@link
 * #NO_PAYMENT}, status {@code succeeded}, no payment id or client secret.
 */
public record PaymentStart(
        UUID draftId,
        @Nullable UUID paymentId,
        String provider,
        @Nullable String clientSecret,
        String status,
        Money amount,
        @Nullable Instant reservedUntil) {

    /** The provider of an order that had nothing to pay. */
    public static final String NO_PAYMENT = "none";

    public static PaymentStart nothingToPay(UUID draftId, Money amount) {
        return new PaymentStart(draftId, null, NO_PAYMENT, null, "succeeded", amount, null);
    }

    /** Whether the draft cost nothing and is an order now. */
    public boolean placedWithoutPayment() {
        return provider.equals(NO_PAYMENT);
    }
}

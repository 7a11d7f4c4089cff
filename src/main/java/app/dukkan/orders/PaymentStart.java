package app.dukkan.orders;

import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A started payment of a draft and what the client needs to confirm it: {@code clientSecret} for
 * Stripe.js, or for the built-in test provider's confirmation; the draft's stock is held until
 * {@code reservedUntil}.
 */
public record PaymentStart(
        UUID draftId,
        UUID paymentId,
        String provider,
        String clientSecret,
        String status,
        Money amount,
        @Nullable Instant reservedUntil) {}

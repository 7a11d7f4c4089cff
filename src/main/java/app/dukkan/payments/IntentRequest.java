package app.dukkan.payments;

import app.dukkan.platform.Money;
import org.jspecify.annotations.Nullable;

/**
 * A payment to collect. {@code reference} names what is paid for (an order id) and comes back in
 * every payment event; {@code idempotencyKey} makes a repeated request return the same intent.
 */
public record IntentRequest(
        String reference,
        Money amount,
        String idempotencyKey,
        String description,
        @Nullable String customerEmail) {}

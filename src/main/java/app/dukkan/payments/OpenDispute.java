package app.dukkan.payments;

import app.dukkan.platform.Money;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A dispute of a payment that has not ended: {@code amount} is held from the shop, the bank's
 * {@code reason}, the provider's {@code status} ({@code needs_response}, {@code under_review}, …) and
 * when the shop's evidence is due.
 */
public record OpenDispute(
        Money amount,
        String reason,
        String status,
        @Nullable Instant dueBy) {}

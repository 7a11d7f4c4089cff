package app.dukkan.payments;

import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The customer's bank disputes a payment (a chargeback): {@code amount} is held from the shop and
 * goes back to the customer unless the shop answers with evidence at the provider by {@code dueBy}
 * and wins. {@code reason} is the provider's code ({@code fraudulent}, {@code product_not_received},
 * …). Published once per dispute, in the transaction that records it.
 */
public record PaymentDisputed(
        UUID paymentId,
        String reference,
        String disputeId,
        Money amount,
        String reason,
        @Nullable Instant dueBy) {}

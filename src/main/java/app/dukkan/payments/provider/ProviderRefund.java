package app.dukkan.payments.provider;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the provider answered to a refund: its id and where the money stands. A card refund is
 * {@code succeeded} at once, but other methods (bank debits, some wallets) answer {@code pending} and
 * settle days later, when a {@code refund.updated} or {@code refund.failed} event says how.
 *
 * @param failureReason the provider's reason when it failed, as given
 */
public record ProviderRefund(
        String id, Status status, @Nullable String failureReason) {

    /** The metadata key that carries the shop's refund id on the provider's refund and its events. */
    public static final String METADATA_KEY = "dukkan_refund";

    /** A refund's state in the shop's terms. */
    public enum Status {
        /** The money went back. */
        SUCCEEDED,
        /** Accepted, not settled yet: only a later event tells. */
        PENDING,
        /** The money did not go back, for good. */
        FAILED;

        /**
         * Stripe's refund statuses: failed and canceled are final refusals; requires_action and
         * anything new are treated as pending, so that nothing is counted as settled before it is.
         */
        public static Status ofStripe(@Nullable String status) {
            return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
                case "succeeded" -> SUCCEEDED;
                case "failed", "canceled" -> FAILED;
                default -> PENDING;
            };
        }
    }
}

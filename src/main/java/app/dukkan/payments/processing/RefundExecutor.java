package app.dukkan.payments.processing;

import app.dukkan.payments.PaymentRefundRefused;
import app.dukkan.payments.processing.PaymentRecords.RefundRow;
import app.dukkan.payments.provider.PaymentProvider;
import app.dukkan.payments.provider.ProviderException;
import app.dukkan.payments.provider.ProviderRefund;
import app.dukkan.platform.PermanentJobFailure;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out one recorded refund with the provider, outside any transaction (a network call),
 * with the refund's id as idempotency key so a retry never refunds twice. The refund's money
 * movement is announced later, when the provider's {@code charge.refunded} event is processed; a
 * refund the provider refuses for good, at once or by failing after it accepted it, is announced
 * ({@link PaymentRefundRefused}), so that the order shows that its money did not go back. One the
 * provider accepted without settling it stays pending until its event settles it ({@link
 * RefundSettlement}).
 */
@Component
class RefundExecutor {

    private static final Logger log = LoggerFactory.getLogger(RefundExecutor.class);

    private final PaymentProvider provider;
    private final PaymentRecords records;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RefundExecutor(
            PaymentProvider provider,
            PaymentRecords records,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.provider = provider;
        this.records = records;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    void execute(UUID refundId) {
        Optional<RefundRow> found = records.refund(refundId);
        if (found.isEmpty() || !found.get().status().equals("pending")) {
            return;
        }
        RefundRow refund = found.get();
        if (!refund.provider().equals(provider.name())) {
            String error = "payment was made with provider '" + refund.provider() + "', but '" + provider.name()
                    + "' is active";
            records.refundAttemptFailed(refundId, error, false, clock.instant());
            throw new IllegalStateException(error);
        }
        try {
            ProviderRefund answer = provider.refund(refund.providerPaymentId(), refund.amount(), refundId.toString());
            switch (answer.status()) {
                case SUCCEEDED -> records.refundSucceeded(refundId, answer.id(), clock.instant());
                // in flight still (it counts as such against what is left to refund): its event settles it
                case PENDING -> records.refundAccepted(refundId, answer.id(), clock.instant());
                case FAILED -> refused(refund, RefundSettlement.failure(answer.failureReason()), null);
            }
        } catch (ProviderException e) {
            if (e.retryable()) {
                records.refundAttemptFailed(refundId, e.getMessage(), false, clock.instant());
            } else {
                refused(refund, e.getMessage(), e);
            }
            throw e;
        }
    }

    private void refused(RefundRow refund, String error, @Nullable Exception cause) {
        giveUp(refund, error);
        log.error("Refund {} of {} refused by {}; given up: {}", refund.id(), refund.amount(), provider.name(), error);
        // a dead letter: the customer has not got their money, and an operator must see it
        // (the dead letters' alert) and settle it by hand
        String message = "refund refused by " + provider.name() + ": " + error;
        throw cause == null ? new PermanentJobFailure(message) : new PermanentJobFailure(message, cause);
    }

    /** Marks the refund failed and announces it, once, in one transaction. */
    private void giveUp(RefundRow refund, String error) {
        transactions.executeWithoutResult(status -> {
            if (records.refundAttemptFailed(refund.id(), error, true, clock.instant())) {
                events.publishEvent(new PaymentRefundRefused(
                        refund.paymentId(), refund.reference(), refund.id(), refund.amount(), error));
            }
        });
    }
}

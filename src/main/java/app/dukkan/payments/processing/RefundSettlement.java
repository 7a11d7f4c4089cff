package app.dukkan.payments.processing;

import app.dukkan.payments.PaymentRefundRefused;
import app.dukkan.payments.processing.PaymentRecords.EventRow;
import app.dukkan.payments.processing.PaymentRecords.PaymentRow;
import app.dukkan.payments.processing.PaymentRecords.RefundRow;
import app.dukkan.payments.provider.ProviderRefund;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Settles a refund the provider accepted from its later events ({@link #TYPES}), in the transaction
 * that processes the event. A refund that failed after it was accepted, even after it had
 * succeeded, is handled as one refused at once: the refund is failed, the payment no longer counts it
 * as refunded, {@link PaymentRefundRefused} is announced and the refund's job becomes a dead letter
 * for an operator. The refund row moves conditionally, so a redelivered or late event (a success after
 * the failure) changes nothing: the failure is undone once, and a failed refund stays failed.
 */
@Component
class RefundSettlement {

    /** Stripe's refund events: their object is the refund. */
    static final Set<String> TYPES = Set.of("refund.updated", "refund.failed", "charge.refund.updated");

    private static final Logger log = LoggerFactory.getLogger(RefundSettlement.class);

    private final PaymentRecords records;
    private final PaymentJobs.JobScheduling jobs;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    RefundSettlement(
            PaymentRecords records, PaymentJobs.JobScheduling jobs, ApplicationEventPublisher publisher, Clock clock) {
        this.records = records;
        this.jobs = jobs;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The reason kept on a refund that failed, for operators. */
    static String failure(@Nullable String providerReason) {
        return providerReason == null || providerReason.isBlank()
                ? "refund failed at the provider"
                : "refund failed at the provider: " + providerReason;
    }

    /**
     * Applies the refund's reported state to the payment, which {@code lockPayment} found and locked.
     *
     * @param refund the event's refund object
     */
    void settle(EventRow event, PaymentRow payment, JsonNode refund) {
        String providerRefundId = text(refund, "id");
        Optional<RefundRow> found = records.lockRefund(payment.id(), shopRefundId(refund), providerRefundId);
        ProviderRefund.Status status = ProviderRefund.Status.ofStripe(text(refund, "status"));
        if (found.isEmpty()) {
            // made in the provider's dashboard: its money is counted through charge.refunded alone
            log.warn(
                    "Payment event {} ({}) reports refund {} of payment {} that the shop did not make: {}",
                    event.id(),
                    event.type(),
                    providerRefundId,
                    payment.id(),
                    status);
            return;
        }
        RefundRow row = found.get();
        switch (status) {
            case SUCCEEDED -> records.refundSettled(row.id(), providerRefundId, clock.instant());
            case PENDING -> log.debug("Refund {} is still pending at {}", row.id(), payment.provider());
            case FAILED -> failed(payment, row, providerRefundId, failure(text(refund, "failure_reason")));
        }
    }

    private void failed(PaymentRow payment, RefundRow refund, String providerRefundId, String reason) {
        if (!records.refundFailed(refund.id(), providerRefundId, reason, clock.instant())) {
            return; // failed already: a redelivery, or the refusal was met when it was carried out
        }
        // the provider's running total drops when a refund fails; charge.refunded only ever raises it
        records.refundReversed(payment.id(), refund.amount().minor(), clock.instant());
        publisher.publishEvent(
                new PaymentRefundRefused(payment.id(), payment.reference(), refund.id(), refund.amount(), reason));
        log.error(
                "Refund {} of {} failed at {} after it was accepted: {}",
                refund.id(),
                refund.amount(),
                payment.provider(),
                reason);
        // the same alert as a refund refused at once: the customer has not got their money
        jobs.refundFailed(refund.id(), reason);
    }

    private static @Nullable UUID shopRefundId(JsonNode refund) {
        String id = text(refund.path("metadata"), ProviderRefund.METADATA_KEY);
        try {
            return id.isEmpty() ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : "";
    }
}

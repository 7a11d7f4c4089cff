package app.dukkan.payments.processing;

import app.dukkan.payments.PaymentDisputeClosed;
import app.dukkan.payments.PaymentDisputed;
import app.dukkan.payments.PaymentFailed;
import app.dukkan.payments.PaymentRefunded;
import app.dukkan.payments.PaymentRequiresAction;
import app.dukkan.payments.PaymentStatus;
import app.dukkan.payments.PaymentSucceeded;
import app.dukkan.payments.processing.PaymentRecords.EventRow;
import app.dukkan.payments.processing.PaymentRecords.PaymentRow;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Money;
import app.dukkan.platform.TextInput;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes one recorded provider event in one transaction: the event row is locked, the payment
 * changes state only if the transition is new, the matching payment event is published to
 * synchronous listeners in other modules, and the event is marked processed. A listener that throws
 * rolls all of it back and the job runs again later; that, with the lock and the processed mark, is
 * what makes the listeners' effects happen exactly once.
 */
@Component
class EventProcessor {

    static final Set<String> HANDLED = Stream.concat(
                    Stream.of(
                            "payment_intent.succeeded",
                            "payment_intent.payment_failed",
                            "payment_intent.requires_action",
                            "charge.refunded",
                            "charge.dispute.created",
                            "charge.dispute.updated",
                            "charge.dispute.closed"),
                    RefundSettlement.TYPES.stream())
            .collect(Collectors.toUnmodifiableSet());

    /** A dispute's statuses once it ended: the shop keeps the money in the first two. */
    private static final Set<String> DISPUTE_WON = Set.of("won", "warning_closed");

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    private final PaymentRecords records;
    private final PaymentJobs.JobScheduling jobs;
    private final RefundSettlement refunds;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoint;
    private final JsonMapper json;
    private final Clock clock;

    EventProcessor(
            PaymentRecords records,
            PaymentJobs.JobScheduling jobs,
            RefundSettlement refunds,
            ApplicationEventPublisher publisher,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock) {
        this.records = records;
        this.jobs = jobs;
        this.refunds = refunds;
        this.publisher = publisher;
        this.transactions = transactions;
        this.savepoint = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.json = json;
        this.clock = clock;
    }

    /** The event's job: a failure is recorded on the event and thrown, for the job to be retried. */
    void process(UUID eventId) {
        try {
            transactions.executeWithoutResult(status -> {
                Optional<EventRow> found = records.lockEvent(eventId);
                if (found.isEmpty()) {
                    log.warn("Payment event {} is gone; nothing to process", eventId);
                } else if (!found.get().processed()) {
                    apply(found.get(), json.readTree(found.get().payload()));
                    records.eventProcessed(eventId, clock.instant());
                }
            });
        } catch (RuntimeException e) {
            transactions.executeWithoutResult(status -> records.eventFailed(eventId, describe(e)));
            throw e;
        }
    }

    /**
     * In the transaction that has just recorded the event as processed: processes it under a
     * savepoint. When that fails, only the processing is rolled back; the event is marked unprocessed
     * with its failure and its job scheduled to retry it.
     *
     * @param payload the event's payload, parsed
     */
    void processRecorded(EventRow row, JsonNode payload) {
        try {
            savepoint.executeWithoutResult(status -> apply(row, payload));
        } catch (RuntimeException e) {
            log.warn("Processing payment event {} failed; a job retries it: {}", row.id(), e.toString());
            records.arrivalFailed(row.id(), describe(e));
            jobs.retryEvent(row.id());
        }
    }

    private void apply(EventRow event, JsonNode payload) {
        JsonNode object = payload.path("data").path("object");
        switch (event.type()) {
            case "payment_intent.succeeded" -> succeeded(event, object);
            case "payment_intent.payment_failed" -> failed(event, object);
            case "payment_intent.requires_action" -> requiresAction(event, object);
            case "charge.refunded" -> refunded(event, object);
            case "refund.updated", "refund.failed", "charge.refund.updated" ->
                payment(event, text(object, "payment_intent"))
                        .ifPresent(payment -> refunds.settle(event, payment, object));
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed" ->
                disputed(event, object, payload.path("created").asLong(0));
            default -> log.debug("Payment event {} of type {} has no effect", event.id(), event.type());
        }
    }

    private static String describe(RuntimeException e) {
        String error = e.toString();
        return error.length() > 2000 ? error.substring(0, 2000) : error;
    }

    private void succeeded(EventRow event, JsonNode intent) {
        transition(
                        event,
                        text(intent, "id"),
                        EnumSet.complementOf(EnumSet.of(PaymentStatus.SUCCEEDED)),
                        PaymentStatus.SUCCEEDED,
                        null)
                .ifPresent(payment -> publisher.publishEvent(new PaymentSucceeded(
                        payment.id(),
                        payment.reference(),
                        payment.amount(),
                        payment.provider(),
                        payment.providerPaymentId(),
                        payment.idempotencyKey())));
    }

    private void failed(EventRow event, JsonNode intent) {
        String reason = reason(intent.path("last_payment_error"));
        transition(
                        event,
                        text(intent, "id"),
                        EnumSet.of(PaymentStatus.PROCESSING, PaymentStatus.REQUIRES_ACTION),
                        PaymentStatus.FAILED,
                        reason)
                .ifPresent(payment ->
                        publisher.publishEvent(new PaymentFailed(payment.id(), payment.reference(), reason)));
    }

    private void requiresAction(EventRow event, JsonNode intent) {
        // from failed too: after a decline the customer may confirm the same intent again
        transition(
                        event,
                        text(intent, "id"),
                        EnumSet.of(PaymentStatus.PROCESSING, PaymentStatus.FAILED),
                        PaymentStatus.REQUIRES_ACTION,
                        null)
                .ifPresent(payment ->
                        publisher.publishEvent(new PaymentRequiresAction(payment.id(), payment.reference())));
    }

    /**
     * Moves the payment the event is about if the transition is new for it; an unknown payment is
     * logged and left alone, one in another state is left alone quietly.
     */
    private Optional<PaymentRow> transition(
            EventRow event,
            String providerPaymentId,
            Set<PaymentStatus> from,
            PaymentStatus to,
            @Nullable String reason) {
        Optional<PaymentRow> moved = providerPaymentId.isEmpty()
                ? Optional.empty()
                : records.transition(event.provider(), providerPaymentId, from, to, reason, clock.instant());
        if (moved.isEmpty()
                && (providerPaymentId.isEmpty() || !records.paymentExists(event.provider(), providerPaymentId))) {
            warnUnknown(event, providerPaymentId);
        }
        return moved;
    }

    private void refunded(EventRow event, JsonNode charge) {
        payment(event, text(charge, "payment_intent")).ifPresent(payment -> {
            if (payment.status() != PaymentStatus.SUCCEEDED) {
                // a refund reported before the payment's success was processed (that event failed, or
                // comes late): counted on an unpaid order it would refund what was never sold; its
                // retry comes after the success
                throw new IllegalStateException(
                        "refund of payment " + payment.id() + " reported before its success was processed");
            }
            long total = charge.path("amount_refunded").asLong(0);
            if (total <= payment.refundedMinor()) {
                return;
            }
            String currency = payment.amount().currency();
            records.updateRefunded(payment.id(), total, clock.instant());
            publisher.publishEvent(new PaymentRefunded(
                    payment.id(),
                    payment.reference(),
                    Money.ofMinor(total - payment.refundedMinor(), currency),
                    Money.ofMinor(total + records.lostDisputesMinor(payment.id()), currency)));
        });
    }

    /**
     * Records a dispute's state. Its first event, whichever it is (they may come out of order),
     * announces it; the one that ends it announces the outcome, once.
     */
    private void disputed(EventRow event, JsonNode dispute, long createdSeconds) {
        payment(event, text(dispute, "payment_intent")).ifPresent(payment -> {
            if (payment.status() != PaymentStatus.SUCCEEDED) {
                // as for refunds: counted once the payment's success is
                throw new IllegalStateException(
                        "dispute of payment " + payment.id() + " reported before its success was processed");
            }
            String status = text(dispute, "status");
            long due = dispute.path("evidence_details").path("due_by").asLong(0);
            PaymentRecords.Dispute reported = new PaymentRecords.Dispute(
                    text(dispute, "id"),
                    dispute.path("amount").asLong(payment.amount().minor()),
                    payment.amount().currency(),
                    TextInput.clip(text(dispute, "reason"), 100),
                    TextInput.clip(status, 50),
                    due > 0 ? Instant.ofEpochSecond(due) : null,
                    DISPUTE_WON.contains(status) || status.equals("lost"),
                    createdSeconds > 0 ? Instant.ofEpochSecond(createdSeconds) : clock.instant());
            if (reported.providerDisputeId().isEmpty()) {
                throw new IllegalArgumentException("dispute event " + event.id() + " names no dispute");
            }
            PaymentRecords.DisputeChange change =
                    records.recordDispute(Ids.newId(clock), payment, reported, clock.instant());
            Money amount = Money.ofMinor(reported.amountMinor(), reported.currency());
            if (change.opened()) {
                publisher.publishEvent(new PaymentDisputed(
                        payment.id(),
                        payment.reference(),
                        reported.providerDisputeId(),
                        amount,
                        reported.reason(),
                        reported.dueBy()));
            }
            if (change.closed()) {
                publisher.publishEvent(new PaymentDisputeClosed(
                        payment.id(),
                        payment.reference(),
                        reported.providerDisputeId(),
                        amount,
                        DISPUTE_WON.contains(status),
                        reported.status(),
                        Money.ofMinor(
                                Math.max(payment.refundedMinor(), records.refundsSucceeded(payment.id()))
                                        + records.lostDisputesMinor(payment.id()),
                                reported.currency())));
            }
        });
    }

    /** The payment the event is about, locked; an unknown one is logged and left alone. */
    private Optional<PaymentRow> payment(EventRow event, String providerPaymentId) {
        Optional<PaymentRow> payment = providerPaymentId.isEmpty()
                ? Optional.empty()
                : records.lockPayment(event.provider(), providerPaymentId);
        if (payment.isEmpty()) {
            warnUnknown(event, providerPaymentId);
        }
        return payment;
    }

    private static void warnUnknown(EventRow event, String providerPaymentId) {
        log.warn(
                "Payment event {} ({}) is about unknown {} payment '{}'; ignored",
                event.id(),
                event.type(),
                event.provider(),
                providerPaymentId);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : "";
    }

    /** Stripe's last_payment_error: its message, and the decline code when there is one. */
    static String reason(JsonNode error) {
        String message = text(error, "message");
        String code = text(error, "decline_code");
        if (code.isEmpty()) {
            code = text(error, "code");
        }
        if (message.isEmpty() && code.isEmpty()) {
            return "payment failed";
        }
        if (code.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? code : message + " (" + code + ")";
    }
}

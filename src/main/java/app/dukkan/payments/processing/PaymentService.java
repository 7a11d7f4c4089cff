package app.dukkan.payments.processing;

import app.dukkan.payments.IntentRequest;
import app.dukkan.payments.OpenDispute;
import app.dukkan.payments.PaymentIntent;
import app.dukkan.payments.PaymentStatus;
import app.dukkan.payments.Payments;
import app.dukkan.payments.processing.PaymentRecords.PaymentRow;
import app.dukkan.payments.provider.PaymentProvider;
import app.dukkan.payments.provider.ProviderException;
import app.dukkan.payments.provider.ProviderIntent;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** {@link Payments} with the active provider. */
@Service
class PaymentService implements Payments {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentProvider provider;
    private final PaymentRecords records;
    private final PaymentJobs.JobScheduling jobs;
    private final Clock clock;

    PaymentService(PaymentProvider provider, PaymentRecords records, PaymentJobs.JobScheduling jobs, Clock clock) {
        this.provider = provider;
        this.records = records;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Asks the provider first and records the payment only once it answered, so a failure leaves
     * nothing behind and a retry with the same key gets the provider's same intent (Stripe keeps
     * idempotency keys for 24 hours, the test provider for good), recorded once. Call it outside any
     * transaction that holds locks: the provider may take seconds (up to the read timeout).
     */
    @Override
    public PaymentIntent createIntent(IntentRequest request) {
        validate(request);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            log.warn("Payments.createIntent runs inside a transaction: its locks are held during the provider call");
        }
        ProviderIntent created;
        try {
            created = provider.createIntent(request);
        } catch (ProviderException e) {
            log.warn("Payment intent for {} not created: {}", request.reference(), e.getMessage());
            throw problem(e);
        }
        PaymentRow payment = new PaymentRow(
                Ids.newId(clock),
                request.reference(),
                provider.name(),
                created.providerPaymentId(),
                created.clientSecret(),
                request.idempotencyKey(),
                request.amount(),
                created.status(),
                0);
        if (records.insertPayment(payment, clock.instant())) {
            return intent(payment);
        }
        // an earlier or concurrent call with the same key recorded it first
        PaymentRow stored = records.paymentByIdempotencyKey(request.idempotencyKey())
                .orElseThrow(() -> ProblemException.conflict(
                        "idempotency_key", "the provider's intent is already recorded under another key"));
        return intent(sameRequest(stored, request));
    }

    @Override
    public Optional<PaymentIntent> intent(UUID paymentId) {
        return records.payment(paymentId).map(PaymentService::intent);
    }

    @Override
    public List<OpenDispute> openDisputes(UUID paymentId) {
        return records.openDisputes(paymentId);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(UUID paymentId) {
        records.lockPayment(paymentId).orElseThrow(() -> ProblemException.notFound("payment", paymentId));
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public UUID refund(UUID paymentId, Money amount, String reason, String idempotencyKey) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw ProblemException.invalid("idempotency_key", "must be 1 to 255 characters");
        }
        PaymentRow payment =
                records.lockPayment(paymentId).orElseThrow(() -> ProblemException.notFound("payment", paymentId));
        Optional<UUID> existing = records.refundIdByKey(idempotencyKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (amount.minor() <= 0) {
            throw ProblemException.invalid("amount", "must be positive");
        }
        if (!amount.currency().equals(payment.amount().currency())) {
            throw ProblemException.invalid(
                    "amount", "must be in " + payment.amount().currency());
        }
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            throw ProblemException.conflict("payment", "only a succeeded payment can be refunded");
        }
        // Refunds seen in the provider's events and those the shop made, whichever is more, plus the
        // ones still in flight and what lost disputes took back.
        // A refund in flight may already be in the provider's figure too: counted twice until it is
        // settled, so the shop refuses rather than ever refund more than was paid.
        long inFlight = records.refundsInFlight(paymentId);
        long used = Math.max(payment.refundedMinor(), records.refundsSucceeded(paymentId))
                + inFlight
                + records.lostDisputesMinor(paymentId);
        long refundable = payment.amount().minor() - used;
        if (amount.minor() > refundable) {
            String left = "exceeds what is left to refund (" + Money.ofMinor(Math.max(refundable, 0), amount.currency())
                    + ")";
            throw ProblemException.conflict(
                    "amount",
                    inFlight == 0
                            ? left
                            : left + " while refunds of " + Money.ofMinor(inFlight, amount.currency())
                                    + " are being carried out; try again in a moment");
        }
        UUID id = Ids.newId(clock);
        records.insertRefund(id, paymentId, amount, reason, idempotencyKey, clock.instant());
        jobs.carryOutRefund(id);
        return id;
    }

    private static void validate(IntentRequest request) {
        if (request.reference().isBlank() || request.reference().length() > 200) {
            throw ProblemException.invalid("reference", "must be 1 to 200 characters");
        }
        if (request.idempotencyKey().isBlank() || request.idempotencyKey().length() > 255) {
            throw ProblemException.invalid("idempotency_key", "must be 1 to 255 characters");
        }
        if (request.amount().minor() <= 0) {
            throw ProblemException.invalid("amount", "must be positive");
        }
    }

    /** A key names one request: the same key with another reference or amount is a caller's bug. */
    private static PaymentRow sameRequest(PaymentRow payment, IntentRequest request) {
        if (!payment.reference().equals(request.reference())
                || !payment.amount().equals(request.amount())) {
            throw ProblemException.conflict(
                    "idempotency_key", "was used for another payment (reference or amount differ)");
        }
        return payment;
    }

    private static PaymentIntent intent(PaymentRow payment) {
        return new PaymentIntent(
                payment.id(),
                payment.provider(),
                payment.providerPaymentId(),
                payment.clientSecret(),
                payment.status(),
                payment.amount());
    }

    private static ProblemException problem(ProviderException e) {
        if (e.kind() == ProviderException.Kind.KEY_REUSED) {
            return ProblemException.conflict(
                    "idempotency_key", "was used for another payment (reference or amount differ)");
        }
        if (e.kind() == ProviderException.Kind.AMOUNT_TOO_SMALL) {
            return new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "amount-too-small",
                    "Total too small to pay by card",
                    "The total is below the smallest amount the payment provider charges (" + e.getMessage()
                            + "); add something to the cart. Nothing was recorded.",
                    List.of());
        }
        if (e.kind() == ProviderException.Kind.UNAVAILABLE) {
            return ProblemException.temporary(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "payment-provider-unavailable",
                    "Payment provider unavailable",
                    "The payment provider did not answer in time; nothing was charged or recorded."
                            + " Try again in a few seconds.",
                    Duration.ofSeconds(5));
        }
        return new ProblemException(
                HttpStatus.BAD_GATEWAY,
                "payment-provider-error",
                "Payment provider error",
                "The payment provider could not create the payment; nothing was recorded. Try again later.",
                List.of());
    }
}

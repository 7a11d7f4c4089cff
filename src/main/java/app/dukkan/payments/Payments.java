package app.dukkan.payments;

import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Collects and refunds payments with the configured provider. */
public interface Payments {

    /**
     * Creates the intent with the provider and records it. The provider answers a repeated
     * idempotency key with the intent it created first, which is recorded once and returned again.
     * Runs outside any caller transaction: the provider call is slow. A caller that knows its
     * payment already asks {@link #intent} instead, without a provider call.
     *
     * @throws ProblemException 503 when the provider cannot be reached or times out, 502 when it
     *     answers with an error; nothing is recorded then and the call is safe to retry; 409 when
     *     the key was used for another request (reference or amount differ)
     */
    PaymentIntent createIntent(IntentRequest request);

    /** A recorded payment's intent, as {@link #createIntent} returned it. */
    Optional<PaymentIntent> intent(UUID paymentId);

    /** The payment's disputes that have not ended, oldest first (none for most payments). */
    List<OpenDispute> openDisputes(UUID paymentId);

    /**
     * Locks a recorded payment until the caller's transaction ends. Whoever changes both a payment
     * and what it pays takes this lock first, as the processing of payment events does, so that
     * the two never deadlock and the caller decides on what it sees under the lock.
     */
    void lock(UUID paymentId);

    /**
     * Records a refund of {@code amount} of a succeeded payment, in the caller's transaction; a job
     * carries it out with the provider, retried until it succeeds. The same key records it once.
     *
     * @return the refund's id
     */
    UUID refund(UUID paymentId, Money amount, String reason, String idempotencyKey);
}

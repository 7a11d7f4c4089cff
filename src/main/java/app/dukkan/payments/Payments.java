package app.dukkan.payments;

import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.util.UUID;

/** Collects and refunds payments with the configured provider. */
public interface Payments {

    /**
     * Creates the intent with the provider, or returns the one already created under the same
     * idempotency key. Runs outside any caller transaction: the provider call is slow.
     *
     * @throws ProblemException 503 when the provider cannot be reached or times out, 502 when it
     *     answers with an error; nothing is recorded then and the call is safe to retry
     */
    PaymentIntent createIntent(IntentRequest request);

    /**
     * Records a refund of {@code amount} of a succeeded payment, in the caller's transaction; a job
     * carries it out with the provider, retried until it succeeds. The same key records it once.
     *
     * @return the refund's id
     */
    UUID refund(UUID paymentId, Money amount, String reason, String idempotencyKey);
}

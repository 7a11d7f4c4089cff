package app.dukkan.payments.provider;

import app.dukkan.payments.IntentRequest;
import app.dukkan.platform.Money;

/**
 * The port to a payment provider. Exactly one adapter is active: Stripe when {@code
 * dukkan.payments.stripe.secret-key} is set, else the built-in test provider. Calls go over the
 * network: never make them inside a database transaction that holds locks.
 */
public interface PaymentProvider {

    /** The provider's name as stored with payments and events: {@code stripe} or {@code test}. */
    String name();

    /**
     * Creates the intent, or returns the one already created under {@code request.idempotencyKey()}.
     *
     * @throws ProviderException when the provider is unreachable or refuses
     */
    ProviderIntent createIntent(IntentRequest request);

    /**
     * Refunds {@code amount} of a payment; the same {@code idempotencyKey} refunds once. The
     * provider may accept it without settling it yet ({@link ProviderRefund.Status#PENDING}).
     *
     * @param idempotencyKey the shop's refund id, also given to the provider as the refund's metadata
     *     so that its later events name it
     * @return the provider's refund and its status
     * @throws ProviderException when the provider is unreachable or refuses
     */
    ProviderRefund refund(String providerPaymentId, Money amount, String idempotencyKey);

    /** The secret that signs this provider's webhook events ({@code Stripe-Signature}). */
    String webhookSecret();
}

package app.dukkan.payments.provider;

import app.dukkan.payments.IntentRequest;
import app.dukkan.payments.PaymentStatus;
import app.dukkan.platform.Money;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** The Stripe adapter: PaymentIntents and Refunds through the official stripe-java client. */
@Component
@Conditional(StripeConfigured.class)
class StripePaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);

    private final StripeClient client;
    private final String webhookSecret;

    StripePaymentProvider(PaymentsProperties properties) {
        PaymentsProperties.Stripe stripe = properties.stripe();
        String webhookSecret = stripe.webhookSecret();
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalStateException(
                    "dukkan.payments.stripe.webhook-secret (DUKKAN_PAYMENTS_STRIPE_WEBHOOK_SECRET)"
                            + " must be set with the Stripe key: without it no payment could ever be confirmed");
        }
        this.webhookSecret = webhookSecret;
        this.client = StripeClient.builder()
                .setApiKey(stripe.secretKey())
                .setApiBase(stripe.apiBase())
                .setConnectTimeout(Math.toIntExact(stripe.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(stripe.readTimeout().toMillis()))
                .setMaxNetworkRetries(stripe.maxNetworkRetries())
                .build();
        log.info("Payments use Stripe at {}", stripe.apiBase());
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public ProviderIntent createIntent(IntentRequest request) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().minor())
                .setCurrency(request.amount().currency().toLowerCase(Locale.ROOT))
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .build())
                .putMetadata("reference", request.reference())
                .setDescription(request.description());
        if (request.customerEmail() != null) {
            params.setReceiptEmail(request.customerEmail());
        }
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey(request.idempotencyKey())
                .build();
        try {
            PaymentIntent intent = client.v1().paymentIntents().create(params.build(), options);
            return new ProviderIntent(intent.getId(), intent.getClientSecret(), status(intent.getStatus()));
        } catch (StripeException e) {
            throw translate("creating a payment intent", e);
        }
    }

    @Override
    public ProviderRefund refund(String providerPaymentId, Money amount, String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(providerPaymentId)
                .setAmount(amount.minor())
                .putMetadata(ProviderRefund.METADATA_KEY, idempotencyKey)
                .build();
        RequestOptions options =
                RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        try {
            Refund refund = client.v1().refunds().create(params, options);
            return new ProviderRefund(
                    refund.getId(), ProviderRefund.Status.ofStripe(refund.getStatus()), refund.getFailureReason());
        } catch (StripeException e) {
            throw translate("refunding " + providerPaymentId, e);
        }
    }

    @Override
    public String webhookSecret() {
        return webhookSecret;
    }

    /** Stripe's intent statuses in the shop's terms. */
    static PaymentStatus status(String stripeStatus) {
        return switch (stripeStatus) {
            case "succeeded" -> PaymentStatus.SUCCEEDED;
            case "requires_action" -> PaymentStatus.REQUIRES_ACTION;
            case "canceled" -> PaymentStatus.FAILED;
            default -> PaymentStatus.PROCESSING;
        };
    }

    private static ProviderException translate(String action, StripeException e) {
        String what = "Stripe failed " + action + ": " + e.getClass().getSimpleName()
                + (e.getStatusCode() == null || e.getStatusCode() == 0 ? "" : " (HTTP " + e.getStatusCode() + ")")
                + (e.getRequestId() == null ? "" : " request " + e.getRequestId());
        if (e instanceof ApiConnectionException) {
            return new ProviderException(ProviderException.Kind.UNAVAILABLE, what, e);
        }
        if (e instanceof IdempotencyException) {
            return new ProviderException(ProviderException.Kind.KEY_REUSED, what + ": " + e.getMessage(), e);
        }
        if ("amount_too_small".equals(e.getCode())) {
            // e.g. "Amount must be at least €0.50 eur": below what Stripe charges in the currency
            return new ProviderException(
                    ProviderException.Kind.AMOUNT_TOO_SMALL,
                    e.getStripeError() == null ? what : e.getStripeError().getMessage(),
                    e);
        }
        Integer status = e.getStatusCode();
        // 401 and 403 refuse the shop's key, not the request: retried until the key is put right
        // (a rotation half done), as docs/runbooks/secret-rotation.md says
        if (status != null
                && status >= 400
                && status < 500
                && status != 429
                && status != 409
                && status != 401
                && status != 403) {
            return new ProviderException(ProviderException.Kind.REJECTED, what + ": " + e.getMessage(), e);
        }
        return new ProviderException(ProviderException.Kind.ERROR, what, e);
    }
}

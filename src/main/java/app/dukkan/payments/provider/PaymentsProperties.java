package app.dukkan.payments.provider;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code dukkan.payments}. Secrets ({@code stripe.secret-key}, {@code
 * stripe.webhook-secret}, {@code test-provider.webhook-secret}) come from the environment only and
 * never appear in {@link #toString()} or logs.
 *
 * @param stripe the Stripe adapter; active when {@code stripe.secret-key} is set
 * @param testProvider the built-in test provider; active when switched on and no Stripe key is set
 * @param signatureTolerance how old a webhook's signature timestamp may be
 * @param jobs back-off of the event-processing and refund jobs
 */
@ConfigurationProperties("dukkan.payments")
public record PaymentsProperties(
        @DefaultValue Stripe stripe,
        @DefaultValue TestProvider testProvider,
        @DefaultValue("300s") Duration signatureTolerance,
        @DefaultValue Jobs jobs) {

    /**
     * @param secretKey Stripe secret API key ({@code sk_test_…} / {@code sk_live_…})
     * @param webhookSecret the endpoint's signing secret ({@code whsec_…}); required with a key
     * @param apiBase Stripe's API address; tests point it at WireMock
     * @param connectTimeout time to open a connection to Stripe
     * @param readTimeout time to wait for Stripe's answer
     * @param maxNetworkRetries stripe-java's own retries of connection failures (same idempotency key)
     * @param publishableKey Stripe's publishable key ({@code pk_test_…} / {@code pk_live_…}), which the
     *     checkout's payment page gives Stripe.js to show the Payment Element; not a secret
     */
    public record Stripe(
            @Nullable String secretKey,
            @Nullable String webhookSecret,
            @DefaultValue("https://api.stripe.com") String apiBase,
            @DefaultValue("3s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("1") int maxNetworkRetries,
            @Nullable String publishableKey) {

        public boolean enabled() {
            return secretKey != null && !secretKey.isBlank();
        }

        @Override
        public String toString() {
            return "Stripe[secretKey=" + (enabled() ? "****" : "<unset>") + ", webhookSecret="
                    + (webhookSecret == null ? "<unset>" : "****") + ", apiBase=" + apiBase + ", connectTimeout="
                    + connectTimeout + ", readTimeout=" + readTimeout + ", maxNetworkRetries=" + maxNetworkRetries
                    + ", publishableKey=" + publishableKey + "]";
        }
    }

    /**
     * @param enabled takes payments with test card numbers when no Stripe key is set; on by default
     *     only in the {@code dev} profile, so that a production shop that forgets its key does not
     *     take orders paid with any valid-looking number
     * @param webhookSecret signs the test provider's events; random per process when unset
     */
    public record TestProvider(
            @DefaultValue("false") boolean enabled,
            @Nullable String webhookSecret) {
        @Override
        public String toString() {
            return "TestProvider[enabled=" + enabled + ", webhookSecret="
                    + (webhookSecret == null ? "<random>" : "****") + "]";
        }
    }

    /**
     * A failed job runs again after {@code firstDelay × factor^(failures − 1)}, at most {@code
     * maxDelay} apart; after {@code maxAttempts} failed runs it becomes a dead letter (with the
     * defaults: after about eight hours).
     */
    public record Jobs(
            @DefaultValue("5s") Duration firstDelay,
            @DefaultValue("2.0") double factor,
            @DefaultValue("30m") Duration maxDelay,
            @DefaultValue("25") int maxAttempts) {}
}

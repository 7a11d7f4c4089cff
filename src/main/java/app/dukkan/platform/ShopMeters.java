package app.dukkan.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Meters that several modules record, under the names dashboards and alerts are written against
 * (README, Operations), and counting that waits for the commit of what it counts.
 */
public final class ShopMeters {

    /** The steps of a purchase, counted where each happens ({@code dukkan.funnel{stage}}). */
    public enum Stage {
        PRODUCT_VIEW,
        CART,
        CHECKOUT,
        PAID;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ShopMeters() {}

    public static Counter funnel(MeterRegistry meters, Stage stage) {
        return Counter.builder("dukkan.funnel")
                .description("purchase funnel: product pages viewed, carts created, checkouts started, orders paid")
                .tag("stage", stage.tag())
                .register(meters);
    }

    /**
     * A webhook delivery refused: {@code source} stripe, whatsapp or trigger; {@code reason} a short
     * fixed word (the problem type), never text from the request.
     */
    public static void webhookFailed(MeterRegistry meters, String source, String reason) {
        Counter.builder("dukkan.webhook.failures")
                .description("webhook deliveries refused, by source and reason")
                .tag("source", source)
                .tag("reason", reason)
                .register(meters)
                .increment();
    }

    /** A webhook delivery whose signature did not verify: counted here and as a webhook failure. */
    public static void signatureFailed(MeterRegistry meters, String source) {
        Counter.builder("dukkan.webhook.signature.failures")
                .description("webhook deliveries refused for a missing, wrong or expired signature")
                .tag("source", source)
                .register(meters)
                .increment();
        webhookFailed(meters, source, "invalid-signature");
    }

    /**
     * Runs {@code action} once the caller's transaction commits (at once when there is none), so
     * that what a rollback undoes is never counted.
     */
    public static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}

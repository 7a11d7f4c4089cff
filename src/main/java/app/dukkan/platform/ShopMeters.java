package app.dukkan.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
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
     * that what a rollback undoes is never counted, also when only a savepoint around the caller is
     * rolled back (Spring's transactional event listeners would still run then).
     */
    public static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new AfterCommit(action));
        } else {
            action.run();
        }
    }

    private static final class AfterCommit implements TransactionSynchronization {

        private final Runnable action;
        // savepoints set after this was registered: rolling back to one of them keeps the action
        private final Set<Object> laterSavepoints = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean undone;

        AfterCommit(Runnable action) {
            this.action = action;
        }

        @Override
        public void savepoint(Object savepoint) {
            laterSavepoints.add(savepoint);
        }

        @Override
        public void savepointRollback(Object savepoint) {
            if (!laterSavepoints.contains(savepoint)) {
                undone = true;
            }
        }

        @Override
        public void afterCommit() {
            if (!undone) {
                action.run();
            }
        }
    }
}

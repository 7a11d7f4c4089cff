package app.dukkan.catalog.config;

import app.dukkan.platform.ClusterNotifications;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every catalog write reports here; read caches subscribe. The notification goes to all instances
 * once the write commits, and this instance also drops its caches right after the commit so that a
 * writer reads its own write.
 *
 * <p>Two kinds of change: {@link #changed()} (an edit by an admin or seller) drops every cache;
 * {@link #stockChanged} (reservations, sales, restocks, at checkout volume) drops only the details
 * of the products concerned, and the listings only when a product's availability crossed zero,
 * because listings show nothing of stock but whether a product is in stock.
 */
@Component
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogChanges {

    /** Stock of some products changed: their slugs, and whether listings must be dropped too. */
    public record StockChange(Set<String> slugs, boolean listings) {}

    private static final String CHANNEL = "catalog_changed";
    private static final String STOCK_CHANNEL = "catalog_stock_changed";
    /** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; longer lists go in several. */
    private static final int MAX_PAYLOAD = 7000;

    private final ClusterNotifications notifications;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<StockChange>> stockListeners = new CopyOnWriteArrayList<>();

    CatalogChanges(ClusterNotifications notifications) {
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, payload -> fire());
        notifications.subscribe(STOCK_CHANNEL, payload -> fireStock(parse(payload)));
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public void onStockChange(Consumer<StockChange> listener) {
        stockListeners.add(listener);
    }

    /** Call inside the writing transaction. */
    public void changed() {
        notifications.publish(CHANNEL, "");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    fire();
                }
            });
        } else {
            fire();
        }
    }

    /**
     * Call inside the transaction that changed the stock of the product. All calls of one
     * transaction are sent as one notification just before it commits.
     *
     * @param availabilityCrossedZero the product went from in stock to sold out or back
     */
    public void stockChanged(String slug, boolean availabilityCrossedZero) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            StockChange change = new StockChange(Set.of(slug), availabilityCrossedZero);
            publish(change);
            fireStock(change);
            return;
        }
        PendingStockChange pending = (PendingStockChange) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new PendingStockChange();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.slugs.add(slug);
        pending.listings |= availabilityCrossedZero;
    }

    private final class PendingStockChange implements TransactionSynchronization {
        private final Set<String> slugs = new LinkedHashSet<>();
        private boolean listings;

        private StockChange change() {
            return new StockChange(Set.copyOf(slugs), listings);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            publish(change());
        }

        @Override
        public void afterCommit() {
            fireStock(change());
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(CatalogChanges.this);
        }
    }

    private void publish(StockChange change) {
        String prefix = change.listings() ? "L|" : "D|";
        StringBuilder payload = new StringBuilder(prefix);
        for (String slug : change.slugs()) {
            if (payload.length() + slug.length() + 1 > MAX_PAYLOAD) {
                notifications.publish(STOCK_CHANNEL, payload.toString());
                payload = new StringBuilder(prefix);
            }
            if (payload.length() > prefix.length()) {
                payload.append(',');
            }
            payload.append(slug);
        }
        notifications.publish(STOCK_CHANNEL, payload.toString());
    }

    private static StockChange parse(String payload) {
        boolean listings = payload.startsWith("L|");
        String slugs = payload.length() > 2 ? payload.substring(2) : "";
        return new StockChange(
                slugs.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(slugs.split(","))), listings);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }

    private void fireStock(StockChange change) {
        stockListeners.forEach(listener -> listener.accept(change));
    }
}

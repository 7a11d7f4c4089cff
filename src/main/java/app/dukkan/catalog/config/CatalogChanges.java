package app.dukkan.catalog.config;

import app.dukkan.platform.ClusterNotifications;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
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
 *
 * <p>A third kind, {@link #ratingChanged} (the reviews of a product changed), drops that product's
 * details and the listings, which filter and sort by rating, but neither categories nor other
 * products.
 *
 * <p>Stock changes reach the other instances through a relay: after each commit the slugs are
 * collected, and one notification per {@code stock-notify-interval} carries all of them. A NOTIFY
 * inside the writing transaction would make PostgreSQL serialize the commits of all such
 * transactions (it holds one database-wide lock from the notify until the commit is flushed), and
 * checkout writes stock in two transactions of every order.
 */
@Component
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogChanges implements SmartLifecycle {

    /** Stock of some products changed: their slugs, and whether listings must be dropped too. */
    public record StockChange(Set<String> slugs, boolean listings) {}

    private static final String CHANNEL = "catalog_changed";
    private static final String STOCK_CHANNEL = "catalog_stock_changed";
    private static final String RATING_CHANNEL = "catalog_rating_changed";
    /** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; longer lists go in several. */
    private static final int MAX_PAYLOAD = 7000;

    private static final Logger log = LoggerFactory.getLogger(CatalogChanges.class);

    private final ClusterNotifications notifications;
    private final Duration relayInterval;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<StockChange>> stockListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> ratingListeners = new CopyOnWriteArrayList<>();
    /** Committed stock changes not yet sent to the other instances; guarded by itself. */
    private final Set<String> unsentSlugs = new LinkedHashSet<>();

    private boolean unsentListings;
    private @Nullable ScheduledExecutorService relay;

    @Autowired
    CatalogChanges(ClusterNotifications notifications, CatalogProperties properties) {
        this(notifications, properties.stockNotifyInterval());
    }

    CatalogChanges(ClusterNotifications notifications, Duration relayInterval) {
        this.notifications = notifications;
        this.relayInterval = relayInterval;
        notifications.subscribe(CHANNEL, payload -> fire());
        notifications.subscribe(STOCK_CHANNEL, payload -> fireStock(parse(payload)));
        notifications.subscribe(RATING_CHANNEL, this::fireRating);
        // a missed change of any kind: every cached catalog page and listing is read again
        notifications.onMissed(this::fire);
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public void onStockChange(Consumer<StockChange> listener) {
        stockListeners.add(listener);
    }

    /** Listens to {@link #ratingChanged}: the product's slug. */
    public void onRatingChange(Consumer<String> listener) {
        ratingListeners.add(listener);
    }

    /** Call inside the writing transaction. */
    public void changed() {
        notifications.publish(CHANNEL, "");
        afterCommit(this::fire);
    }

    /**
     * Call inside the transaction that changed the product's rating. Reviews are written far less
     * often than stock, so the notification is sent from the transaction itself.
     */
    public void ratingChanged(String slug) {
        notifications.publish(RATING_CHANNEL, slug);
        afterCommit(() -> fireRating(slug));
    }

    /** Runs the action once the current transaction commits, or now without one. */
    private static void afterCommit(Runnable action) {
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

    /**
     * Call inside the transaction that changed the stock of the product. Once it commits, this
     * instance drops the entries at once and the relay tells the others within {@code
     * stock-notify-interval}; a rollback tells no one.
     *
     * @param availabilityCrossedZero the product went from in stock to sold out or back
     */
    public void stockChanged(String slug, boolean availabilityCrossedZero) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            committed(new StockChange(Set.of(slug), availabilityCrossedZero));
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
        public void afterCommit() {
            committed(change());
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(CatalogChanges.this);
        }
    }

    private void committed(StockChange change) {
        fireStock(change);
        synchronized (unsentSlugs) {
            unsentSlugs.addAll(change.slugs());
            unsentListings |= change.listings();
        }
    }

    /** Sends the stock changes committed since the last call in as few notifications as fit. */
    void relayStockChanges() {
        StockChange change;
        synchronized (unsentSlugs) {
            if (unsentSlugs.isEmpty()) {
                return;
            }
            change = new StockChange(new LinkedHashSet<>(unsentSlugs), unsentListings);
            unsentSlugs.clear();
            unsentListings = false;
        }
        try {
            publish(change);
        } catch (RuntimeException e) {
            // the database is unreachable: keep the slugs for the next round
            log.warn(
                    "Could not relay stock changes of {} products; retrying: {}",
                    change.slugs().size(),
                    e.toString());
            synchronized (unsentSlugs) {
                unsentSlugs.addAll(change.slugs());
                unsentListings |= change.listings();
            }
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "catalog-stock-relay");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, relayInterval.toMillis());
        executor.scheduleWithFixedDelay(this::relayStockChanges, millis, millis, TimeUnit.MILLISECONDS);
        relay = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = relay;
        if (executor != null) {
            executor.shutdown();
            relay = null;
            relayStockChanges();
        }
    }

    @Override
    public boolean isRunning() {
        return relay != null;
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

    private void fireRating(String slug) {
        ratingListeners.forEach(listener -> listener.accept(slug));
    }

    private void fireStock(StockChange change) {
        stockListeners.forEach(listener -> listener.accept(change));
    }
}

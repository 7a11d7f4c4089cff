package app.dukkan.catalog.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.ClusterNotifications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class CatalogCacheTests {

    /** Delivers every notification to every subscriber at once, as another instance would receive it. */
    static final class LoopbackNotifications implements ClusterNotifications {
        final Map<String, List<Consumer<String>>> listeners = new HashMap<>();
        final List<String> published = new ArrayList<>();
        boolean down;

        @Override
        public void publish(String channel, String payload) {
            if (down) {
                throw new IllegalStateException("database unreachable");
            }
            published.add(channel + ":" + payload);
            listeners.getOrDefault(channel, List.of()).forEach(l -> l.accept(payload));
        }

        @Override
        public void subscribe(String channel, Consumer<String> listener) {
            listeners.computeIfAbsent(channel, c -> new ArrayList<>()).add(listener);
        }
    }

    final LoopbackNotifications notifications = new LoopbackNotifications();
    /** Relayed only when a test says so. */
    final CatalogChanges changes = new CatalogChanges(notifications, Duration.ofHours(1));

    final CatalogCache<String, String> details =
            new CatalogCache<>("test.details", 100, changes, new SimpleMeterRegistry());
    final CatalogCache<String, String> listings =
            new CatalogCache<>("test.listings", 100, changes, new SimpleMeterRegistry());
    final AtomicInteger loads = new AtomicInteger();

    {
        changes.onStockChange(change -> {
            change.slugs().forEach(details::invalidate);
            if (change.listings()) {
                listings.invalidateAll();
            }
        });
    }

    private String load(String key) {
        return key + "#" + loads.incrementAndGet();
    }

    @Test
    void aStockChangeDropsOnlyTheProductsDetailUnlessAvailabilityCrossedZero() {
        String lamp = details.get("lamp", this::load);
        String mug = details.get("mug", this::load);
        String page = listings.get("page-1", this::load);

        changes.stockChanged("lamp", false);

        assertThat(details.get("lamp", this::load)).isNotEqualTo(lamp);
        assertThat(details.get("mug", this::load)).isEqualTo(mug);
        assertThat(listings.get("page-1", this::load)).isEqualTo(page);
        assertThat(notifications.published).isEmpty();
        changes.relayStockChanges();
        assertThat(notifications.published).containsExactly("catalog_stock_changed:D|lamp");

        changes.stockChanged("mug", true);
        assertThat(details.get("mug", this::load)).isNotEqualTo(mug);
        assertThat(listings.get("page-1", this::load)).isNotEqualTo(page);
    }

    @Test
    void anEditDropsEverything() {
        String lamp = details.get("lamp", this::load);
        String page = listings.get("page-1", this::load);
        changes.changed();
        assertThat(details.get("lamp", this::load)).isNotEqualTo(lamp);
        assertThat(listings.get("page-1", this::load)).isNotEqualTo(page);
    }

    @Test
    void aValueLoadedBeforeAnInvalidationIsNeverServedAfterIt() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> details.get("lamp", key -> {
            loading.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "stale";
        }));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> invalidation = CompletableFuture.runAsync(() -> details.invalidate("lamp"));
        Thread.sleep(50);
        release.countDown();
        invalidation.get(10, TimeUnit.SECONDS);
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("stale");

        assertThat(details.get("lamp", key -> "fresh")).isEqualTo("fresh");
    }

    /** Runs {@code writes} as a transaction's body and ends it as {@code committed} says. */
    private static void inTransaction(boolean committed, Runnable writes) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            writes.run();
            var synchronizations = TransactionSynchronizationManager.getSynchronizations();
            if (committed) {
                synchronizations.forEach(s -> s.beforeCommit(false));
                synchronizations.forEach(TransactionSynchronization::afterCommit);
            }
            int status = committed
                    ? TransactionSynchronization.STATUS_COMMITTED
                    : TransactionSynchronization.STATUS_ROLLED_BACK;
            synchronizations.forEach(s -> s.afterCompletion(status));
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void stockChangesOfManyTransactionsAreRelayedTogetherAndRolledBackOnesNever() {
        String lamp = details.get("lamp", this::load);
        inTransaction(true, () -> changes.stockChanged("mug", false));
        inTransaction(false, () -> changes.stockChanged("lamp", true));
        inTransaction(true, () -> {
            changes.stockChanged("vase", false);
            changes.stockChanged("mug", false);
        });
        assertThat(details.get("lamp", this::load)).isEqualTo(lamp);
        assertThat(notifications.published).isEmpty();

        changes.relayStockChanges();
        changes.relayStockChanges();

        assertThat(notifications.published).containsExactly("catalog_stock_changed:D|mug,vase");
        assertThat(details.get("lamp", this::load)).isEqualTo(lamp);
    }

    @Test
    void stockChangesThatCouldNotBeRelayedAreSentInTheNextRound() {
        changes.stockChanged("mug", true);
        notifications.down = true;
        changes.relayStockChanges();
        changes.stockChanged("vase", false);
        notifications.down = false;

        changes.relayStockChanges();

        assertThat(notifications.published).containsExactly("catalog_stock_changed:L|mug,vase");
    }

    @Test
    void longSlugListsAreSplitBelowPostgresqlsPayloadLimit() {
        List<String> received = new ArrayList<>();
        changes.onStockChange(change -> received.addAll(change.slugs()));
        inTransaction(true, () -> {
            for (int i = 0; i < 200; i++) {
                changes.stockChanged("a-rather-long-product-slug-of-sixty-characters-or-so-" + 1000 + i, false);
            }
        });
        changes.relayStockChanges();
        assertThat(notifications.published).hasSizeGreaterThan(1);
        assertThat(notifications.published).allMatch(p -> p.length() < 8000);
        // delivered by the notifications and once more locally after the commit
        assertThat(received).hasSize(400).containsAll(received.subList(0, 200));
    }
}

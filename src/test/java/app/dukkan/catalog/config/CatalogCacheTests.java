package app.dukkan.catalog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.platform.ClusterNotifications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class CatalogCacheTests {

    /** A thread per task: the tests block tasks on purpose, which a small common pool would run one by one. */
    static final ExecutorService THREADS = Executors.newCachedThreadPool();

    /** Delivers every notification to every subscriber at once, as another instance would receive it. */
    static final class LoopbackNotifications implements ClusterNotifications {
        final Map<String, List<Consumer<String>>> listeners = new HashMap<>();
        final List<String> published = new ArrayList<>();
        final List<Runnable> resyncs = new ArrayList<>();
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

        @Override
        public void onMissed(Runnable resync) {
            resyncs.add(resync);
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
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(
                () -> details.get("lamp", key -> {
                    loading.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "stale";
                }),
                THREADS);
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> invalidation = CompletableFuture.runAsync(() -> details.invalidate("lamp"), THREADS);
        Thread.sleep(50);
        release.countDown();
        invalidation.get(10, TimeUnit.SECONDS);
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("stale");

        assertThat(details.get("lamp", key -> "fresh")).isEqualTo("fresh");
    }

    /** Runs {@code get} in another thread whose load blocks until {@code release} opens. */
    private static CompletableFuture<String> blockedLoad(
            CatalogCache<String, String> cache, String key, CountDownLatch loading, CountDownLatch release) {
        return CompletableFuture.supplyAsync(
                () -> cache.get(key, k -> {
                    loading.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return k + "-slow";
                }),
                THREADS);
    }

    @Test
    void aWeighedCacheKeepsNoMoreBytesThanItsBudgetNorMoreEntriesThanItsSize() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CatalogCache<Integer, byte[]> pages =
                new CatalogCache<>("test.pages", 100, 10_000, page -> page.length, changes, registry);
        // pages of a client's choosing, 1,000 bytes each: ten fit the budget
        for (int i = 0; i < 50; i++) {
            pages.get(i, key -> new byte[1_000]);
        }
        // small ones: the size bounds the number however little each weighs
        CatalogCache<Integer, byte[]> small =
                new CatalogCache<>("test.small", 20, 1_000_000, page -> page.length, changes, registry);
        for (int i = 0; i < 200; i++) {
            small.get(i, key -> new byte[1]);
        }
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("cache.size")
                                        .tag("cache", "test.pages")
                                        .gauge()
                                        .value()
                                <= 10
                        && registry.get("cache.size")
                                        .tag("cache", "test.small")
                                        .gauge()
                                        .value()
                                <= 20);
    }

    @Test
    void aSlowLoadHoldsUpNoOtherKeyEvenWithoutRoomToKeepAnything() throws Exception {
        for (long size : new long[] {0, 100}) {
            CatalogCache<String, String> cache =
                    new CatalogCache<>("test.slow-" + size, size, changes, new SimpleMeterRegistry());
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> slow = blockedLoad(cache, "slow", loading, release);
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

            // keys that would share a lock with "slow" inside a map are not held up by its load
            for (int i = 0; i < 200; i++) {
                String key = "other-" + i;
                assertThat(CompletableFuture.supplyAsync(() -> cache.get(key, this::load), THREADS)
                                .get(5, TimeUnit.SECONDS))
                        .startsWith(key + "#");
            }
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow-slow");
        }
    }

    @Test
    void readersOfAKeyBeingLoadedWaitForThatLoadInsteadOfRepeatingIt() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = blockedLoad(details, "lamp", loading, release);
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> details.get("lamp", this::load), THREADS));
        }
        Thread.sleep(50);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("lamp-slow");
        for (CompletableFuture<String> reader : waiting) {
            assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("lamp-slow");
        }
        assertThat(loads).hasValue(0);
    }

    @Test
    void aFailedLoadFailsItsReadersAndIsTriedAgainByTheNext() {
        IllegalStateException failure = new IllegalStateException("database unreachable");
        assertThatThrownBy(() -> details.get("lamp", key -> {
                    throw failure;
                }))
                .isSameAs(failure);
        assertThat(details.get("lamp", this::load)).isEqualTo("lamp#1");
        assertThat(details.get("lamp", this::load)).isEqualTo("lamp#1");
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

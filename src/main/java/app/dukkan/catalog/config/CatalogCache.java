package app.dukkan.catalog.config;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A read cache that is emptied whenever the catalog changes, and from which single entries can be
 * dropped (a product's stock changed). Entries are keyed by the catalog generation and by a version
 * of their own key too, so a value computed from data older than the last change is never served
 * even when its computation finishes after the change.
 *
 * <p>A missing value is computed by the first reader outside the map's locks, while readers of the
 * same key wait for it: a computation inside {@code Cache.get} holds a lock that other keys share,
 * and listings that no one asked for before would queue behind each other.
 *
 * <p>Hit and miss counts are exported as {@code cache_gets_total{cache=name,result=hit|miss}}.
 */
public final class CatalogCache<K, V> {

    private record Key<K>(long generation, long version, K key) {}

    private final AsyncCache<Key<K>, V> cache;
    /** False for a cache of size 0 (switched off): nothing is stored, so nothing is evicted either. */
    private final boolean keeps;

    private final AtomicLong generation = new AtomicLong();
    /**
     * Version stamps of keys that were invalidated one by one; absent means 0. Stamps come from one
     * counter and are never reused, so the map is never cleared: it holds at most one entry per key
     * ever invalidated (per product, for product details).
     */
    private final Map<K, Long> versions = new ConcurrentHashMap<>();

    private final AtomicLong stamps = new AtomicLong();

    public CatalogCache(String name, long maximumSize, CatalogChanges changes, MeterRegistry registry) {
        this(name, Caffeine.newBuilder().maximumSize(maximumSize), maximumSize > 0, changes, registry);
    }

    /**
     * A cache bounded by its values' estimated bytes as well as by their number, for values whose
     * size a client chooses (a listing of 100 items, for every price filter it can think of): each
     * entry weighs at least {@code maximumBytes / maximumSize}, so neither bound is passed.
     */
    public CatalogCache(
            String name,
            long maximumSize,
            long maximumBytes,
            ToIntFunction<V> bytes,
            CatalogChanges changes,
            MeterRegistry registry) {
        this(name, weighed(maximumSize, maximumBytes, bytes), maximumSize > 0, changes, registry);
    }

    private CatalogCache(
            String name,
            Caffeine<? super Key<K>, ? super V> builder,
            boolean keeps,
            CatalogChanges changes,
            MeterRegistry registry) {
        this.cache = builder.recordStats().<Key<K>, V>buildAsync();
        this.keeps = keeps;
        CaffeineCacheMetrics.monitor(registry, cache, name);
        changes.onChange(this::invalidateAll);
    }

    private static <K, V> Caffeine<Key<K>, V> weighed(long maximumSize, long maximumBytes, ToIntFunction<V> bytes) {
        long floor = maximumSize > 0 ? Math.max(1, maximumBytes / maximumSize) : 1;
        return Caffeine.newBuilder()
                .maximumWeight(maximumSize > 0 ? maximumBytes : 0)
                .weigher((Key<K> key, V value) ->
                        (int) Math.min(Integer.MAX_VALUE, Math.max(floor, bytes.applyAsInt(value))));
    }

    public V get(K key, Function<K, V> loader) {
        if (!keeps) {
            return loader.apply(key);
        }
        Key<K> cacheKey = new Key<>(generation.get(), versions.getOrDefault(key, 0L), key);
        CompletableFuture<V> cached = cache.getIfPresent(cacheKey);
        if (cached == null) {
            CompletableFuture<V> computing = new CompletableFuture<>();
            cached = cache.asMap().putIfAbsent(cacheKey, computing);
            if (cached == null) {
                try {
                    V value = loader.apply(key);
                    computing.complete(value);
                    return value;
                } catch (RuntimeException | Error e) {
                    // the cache drops a failed computation: the next reader tries again
                    computing.completeExceptionally(e);
                    throw e;
                }
            }
        }
        try {
            return cached.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Drops one entry; a computation of it still running stores its result where no one looks. */
    public void invalidate(K key) {
        long generationNow = generation.get();
        Long previous = versions.put(key, stamps.incrementAndGet());
        cache.synchronous().invalidate(new Key<>(generationNow, previous == null ? 0L : previous, key));
    }

    /** Drops every entry, including those whose computation is still running. */
    public void invalidateAll() {
        generation.incrementAndGet();
        cache.synchronous().invalidateAll();
    }
}

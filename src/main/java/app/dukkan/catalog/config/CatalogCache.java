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
        this.cache =
                Caffeine.newBuilder().maximumSize(maximumSize).recordStats().buildAsync();
        this.keeps = maximumSize > 0;
        CaffeineCacheMetrics.monitor(registry, cache, name);
        changes.onChange(this::invalidateAll);
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

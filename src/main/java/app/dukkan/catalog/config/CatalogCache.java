package app.dukkan.catalog.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A read cache that is emptied whenever the catalog changes, and from which single entries can be
 * dropped (a product's stock changed). Entries are keyed by the catalog generation and by a version
 * of their own key too, so a value computed from data older than the last change is never served
 * even when its computation finishes after the change.
 *
 * <p>Hit and miss counts are exported as {@code cache_gets_total{cache=name,result=hit|miss}}.
 */
public final class CatalogCache<K, V> {

    private record Key<K>(long generation, long version, K key) {}

    private final Cache<Key<K>, V> cache;
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
                Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, name);
        changes.onChange(this::invalidateAll);
    }

    public V get(K key, Function<K, V> loader) {
        return cache.get(new Key<>(generation.get(), versions.getOrDefault(key, 0L), key), k -> loader.apply(k.key()));
    }

    /** Drops one entry; a computation of it still running stores its result where no one looks. */
    public void invalidate(K key) {
        long generationNow = generation.get();
        Long previous = versions.put(key, stamps.incrementAndGet());
        cache.invalidate(new Key<>(generationNow, previous == null ? 0L : previous, key));
    }

    /** Drops every entry, including those whose computation is still running. */
    public void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }
}

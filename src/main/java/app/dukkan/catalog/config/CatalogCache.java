package app.dukkan.catalog.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A read cache that is emptied whenever the catalog changes. Entries are keyed by the catalog
 * generation too, so a value computed from data older than the last change is never served even
 * when its computation finishes after the change.
 *
 * <p>Hit and miss counts are exported as {@code cache_gets_total{cache=name,result=hit|miss}}.
 */
public final class CatalogCache<K, V> {

    private record Key<K>(long generation, K key) {}

    private final Cache<Key<K>, V> cache;
    private final AtomicLong generation = new AtomicLong();

    public CatalogCache(String name, long maximumSize, CatalogChanges changes, MeterRegistry registry) {
        this.cache =
                Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, name);
        changes.onChange(() -> {
            generation.incrementAndGet();
            cache.invalidateAll();
        });
    }

    public V get(K key, Function<K, V> loader) {
        return cache.get(new Key<>(generation.get(), key), k -> loader.apply(k.key()));
    }
}

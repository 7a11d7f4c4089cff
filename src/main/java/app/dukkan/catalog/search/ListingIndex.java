package app.dukkan.catalog.search;

import app.dukkan.catalog.config.CatalogChanges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What listings filter, count and sort by — category, from-price, availability, age, rating — of every
 * active product, in memory as columns. Filters and facets of any listing are one pass over these
 * arrays instead of an aggregate over the product table, and any page of any order is a slice, so
 * a listing no one asked for before costs one indexed fetch of the rows on its page.
 *
 * <p>Rebuilt from the table (one index scan, with the ratings joined) on the first read after a
 * catalog change on any instance, after a product's availability crossed zero or its rating
 * changed; a read never sees columns older than the last change it could know of. About 56 bytes
 * per product.
 */
@Component
class ListingIndex {

    /** Sentinel for "no category" in {@link Columns#category}. */
    static final int NO_CATEGORY = -1;

    /**
     * Products at positions 0..n-1 in newest-first order ({@code created_at desc, id desc}).
     *
     * @param categories category ids by the small numbers used in {@code category}
     * @param byPrice positions in {@code min_price asc nulls last, id asc} order
     * @param rating average rating in tenths of a star (43 for 4.3); 0 for a product without reviews
     * @param byRating positions best rated first: average, then number of reviews, descending, then
     *     newest first; products without reviews last
     */
    record Columns(
            UUID[] ids,
            int[] category,
            long[] minPrice,
            boolean[] priced,
            boolean[] inStock,
            int[] byPrice,
            int[] priceRank,
            int[] rating,
            int[] byRating,
            int[] ratingRank,
            List<UUID> categories,
            Map<UUID, Integer> categoryNumbers,
            Positions positions) {

        int size() {
            return ids.length;
        }
    }

    /**
     * Position of each product id: open addressing over the id's two halves. A search looks up every
     * product it matches, so this avoids a boxed map entry and an equals call per match.
     */
    static final class Positions {

        private final long[] high;
        private final long[] low;
        /** Position + 1; 0 marks a free slot. */
        private final int[] slots;

        private final int mask;

        Positions(UUID[] ids) {
            int capacity = Integer.highestOneBit(Math.max(4, ids.length * 2) - 1) << 1;
            high = new long[capacity];
            low = new long[capacity];
            slots = new int[capacity];
            mask = capacity - 1;
            for (int position = 0; position < ids.length; position++) {
                int slot = slot(ids[position]);
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                high[slot] = ids[position].getMostSignificantBits();
                low[slot] = ids[position].getLeastSignificantBits();
                slots[slot] = position + 1;
            }
        }

        /** The product's position, or -1 when it is not in the columns. */
        int of(UUID id) {
            long h = id.getMostSignificantBits();
            long l = id.getLeastSignificantBits();
            for (int slot = slot(id); slots[slot] != 0; slot = (slot + 1) & mask) {
                if (high[slot] == h && low[slot] == l) {
                    return slots[slot] - 1;
                }
            }
            return -1;
        }

        private int slot(UUID id) {
            long mixed = (id.getMostSignificantBits() ^ id.getLeastSignificantBits()) * 0x9E3779B97F4A7C15L;
            return (int) (mixed >>> 32) & mask;
        }
    }

    /** PostgreSQL orders uuids by their bytes, unsigned. */
    static final Comparator<UUID> UUID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private record Built(long generation, Columns columns) {}

    private final JdbcClient jdbc;
    private final AtomicLong generation = new AtomicLong();
    private final Counter rebuilds;
    private volatile @Nullable Built built;

    ListingIndex(JdbcClient jdbc, CatalogChanges changes, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.rebuilds = Counter.builder("dukkan.catalog.listing.index.rebuilds")
                .description("Rebuilds of the in-memory listing columns after catalog changes")
                .register(registry);
        changes.onChange(generation::incrementAndGet);
        changes.onRatingChange(slug -> generation.incrementAndGet());
        changes.onStockChange(change -> {
            if (change.listings()) {
                generation.incrementAndGet();
            }
        });
    }

    Columns columns() {
        long wanted = generation.get();
        Built current = built;
        if (current != null && current.generation() == wanted) {
            return current.columns();
        }
        synchronized (this) {
            wanted = generation.get();
            current = built;
            if (current == null || current.generation() != wanted) {
                current = new Built(wanted, load());
                built = current;
                rebuilds.increment();
            }
            return current.columns();
        }
    }

    private Columns load() {
        List<UUID> ids = new ArrayList<>();
        List<UUID> categoryOf = new ArrayList<>();
        List<Long> prices = new ArrayList<>();
        List<Boolean> stock = new ArrayList<>();
        List<Integer> ratings = new ArrayList<>();
        List<Integer> reviewCounts = new ArrayList<>();
        jdbc.sql("""
                        select p.id, p.category_id, p.min_price, p.in_stock,
                               coalesce((r.average * 10)::int, 0) as rating, coalesce(r.count, 0) as reviews
                        from products p left join product_ratings r on r.product_id = p.id
                        where p.status = 'active'
                        order by p.created_at desc, p.id desc""").query(rs -> {
            ids.add(rs.getObject("id", UUID.class));
            categoryOf.add(rs.getObject("category_id", UUID.class));
            prices.add(rs.getObject("min_price", Long.class));
            stock.add(rs.getBoolean("in_stock"));
            ratings.add(rs.getInt("rating"));
            reviewCounts.add(rs.getInt("reviews"));
        });
        int n = ids.size();
        UUID[] idArray = ids.toArray(UUID[]::new);
        int[] category = new int[n];
        long[] minPrice = new long[n];
        boolean[] priced = new boolean[n];
        boolean[] inStock = new boolean[n];
        int[] rating = new int[n];
        int[] reviews = new int[n];
        List<UUID> categories = new ArrayList<>();
        Map<UUID, Integer> categoryNumbers = new HashMap<>();
        for (int i = 0; i < n; i++) {
            UUID categoryId = categoryOf.get(i);
            if (categoryId == null) {
                category[i] = NO_CATEGORY;
            } else {
                category[i] = categoryNumbers.computeIfAbsent(categoryId, id -> {
                    categories.add(id);
                    return categories.size() - 1;
                });
            }
            Long price = prices.get(i);
            priced[i] = price != null;
            minPrice[i] = price == null ? 0 : price;
            inStock[i] = stock.get(i);
            rating[i] = ratings.get(i);
            reviews[i] = reviewCounts.get(i);
        }
        int[] byPrice = IntStream.range(0, n)
                .boxed()
                .sorted((a, b) -> {
                    if (priced[a] != priced[b]) {
                        return priced[a] ? -1 : 1;
                    }
                    int price = Long.compare(minPrice[a], minPrice[b]);
                    return price != 0 ? price : UUID_ORDER.compare(idArray[a], idArray[b]);
                })
                .mapToInt(Integer::intValue)
                .toArray();
        int[] byRating = IntStream.range(0, n)
                .boxed()
                .sorted((a, b) -> {
                    int stars = Integer.compare(rating[b], rating[a]);
                    if (stars != 0) {
                        return stars;
                    }
                    int count = Integer.compare(reviews[b], reviews[a]);
                    return count != 0 ? count : Integer.compare(a, b);
                })
                .mapToInt(Integer::intValue)
                .toArray();
        return new Columns(
                idArray,
                category,
                minPrice,
                priced,
                inStock,
                byPrice,
                ranks(byPrice),
                rating,
                byRating,
                ranks(byRating),
                List.copyOf(categories),
                Map.copyOf(categoryNumbers),
                new Positions(idArray));
    }

    /** Each position's rank in the given order. */
    private static int[] ranks(int[] order) {
        int[] ranks = new int[order.length];
        for (int rank = 0; rank < order.length; rank++) {
            ranks[order[rank]] = rank;
        }
        return ranks;
    }
}

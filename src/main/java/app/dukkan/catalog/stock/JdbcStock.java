package app.dukkan.catalog.stock;

import app.dukkan.catalog.PurchasableVariant;
import app.dukkan.catalog.Stock;
import app.dukkan.catalog.StockChanged;
import app.dukkan.catalog.StockShortageException;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.platform.Money;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock on PostgreSQL. {@code variants.reserved} is the sum of a variant's reservations; available
 * is {@code stock - reserved}, and a check constraint keeps {@code 0 <= reserved <= stock}.
 *
 * <p>Every change first locks the products concerned, then their variants, both in id order (a
 * change under a reservation key locks that key's reservation lines before them). The variants
 * trigger updates a product row when its in-stock flag or price range changes, so taking those
 * locks first gives every writer the same lock order: concurrent reservations cannot deadlock.
 * Under those locks each method checks everything before it writes, so a refusal changes nothing
 * and does not spoil the caller's transaction; the updates stay conditional all the same.
 */
@Component
class JdbcStock implements Stock {

    /** Reservation keys swept per call of {@link #releaseExpired}. */
    static final int SWEEP_BATCH = 500;

    private record VariantState(UUID id, UUID productId, int stock, int reserved, boolean active, boolean purchasable) {
        int available() {
            return stock - reserved;
        }
    }

    private record ProductState(UUID id, String slug, boolean inStock) {}

    /** What one lock statement found: the variants, their products and what the key holds of them. */
    private record Locked(
            Map<UUID, VariantState> variants, Map<UUID, ProductState> products, Map<UUID, Integer> held) {}

    private final JdbcClient jdbc;
    private final CatalogChanges changes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JdbcStock(JdbcClient jdbc, CatalogChanges changes, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Map<UUID, PurchasableVariant> variants(Collection<UUID> variantIds) {
        if (variantIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, PurchasableVariant> result = new LinkedHashMap<>();
        jdbc.sql("""
                        select v.id, v.product_id, p.seller_id, v.sku, p.name as product_name, p.slug, v.name as variant_name,
                               v.price_minor, v.currency, v.stock - v.reserved as available,
                               v.active and p.status = 'active' as purchasable
                        from variants v
                        join products p on p.id = v.product_id
                        where v.id in (:ids)""")
                .param("ids", List.copyOf(Set.copyOf(variantIds)))
                .query((rs, row) -> new PurchasableVariant(
                        rs.getObject("id", UUID.class),
                        rs.getObject("product_id", UUID.class),
                        rs.getObject("seller_id", UUID.class),
                        rs.getString("sku"),
                        rs.getString("product_name"),
                        rs.getString("slug"),
                        rs.getString("variant_name"),
                        Money.ofMinor(rs.getLong("price_minor"), rs.getString("currency")),
                        rs.getInt("available"),
                        rs.getBoolean("purchasable")))
                .list()
                .forEach(v -> result.put(v.id(), v));
        return result;
    }

    @Override
    @Transactional(noRollbackFor = StockShortageException.class)
    public void reserve(String key, Map<UUID, Integer> quantities, Instant expiresAt) {
        Locked locked = lockHolding(key, quantities);
        Map<UUID, Integer> held = locked.held();

        List<StockShortageException.Shortage> shortages = new ArrayList<>();
        for (UUID id : new TreeSet<>(quantities.keySet())) {
            int requested = quantities.get(id);
            VariantState state = locked.variants().get(id);
            int available = state == null || !state.purchasable() ? 0 : state.available() + held.getOrDefault(id, 0);
            if (requested > available) {
                shortages.add(new StockShortageException.Shortage(id, requested, Math.max(available, 0)));
            }
        }
        if (!shortages.isEmpty()) {
            throw new StockShortageException(shortages);
        }

        if (!held.isEmpty()) {
            // apart from the insert below: a statement's parts see none of each other's changes
            jdbc.sql("delete from stock_reservations where reservation_key = ?")
                    .param(key)
                    .update();
        }
        List<UUID> lines = List.copyOf(new TreeSet<>(quantities.keySet()));
        Deltas deltas = new Deltas();
        for (UUID id : locked.variants().keySet()) {
            deltas.add(id, 0, quantities.getOrDefault(id, 0) - held.getOrDefault(id, 0));
        }
        Map<UUID, Integer> available = deltas.apply(
                """
                with added as (
                    insert into stock_reservations (reservation_key, variant_id, quantity, expires_at, created_at)
                    select :key, r.variant_id, r.quantity, :expires, :now
                    from variant_quantities(cast(:lines as uuid[]), cast(:quantities as int[])) as r (variant_id, quantity))
                """,
                Map.of(
                        "key", key,
                        "lines", lines.toArray(UUID[]::new),
                        "quantities", lines.stream().map(quantities::get).toArray(Integer[]::new),
                        "expires", Timestamp.from(expiresAt),
                        "now", Timestamp.from(clock.instant())));
        announce(locked, available);
    }

    /**
     * Changes of {@code stock} and {@code reserved} per variant, written by one statement that
     * checks each row again ({@code stock - reserved} may not go below what it takes) and answers
     * what each variant then has available. Stock taken counts as sold, stock put back (a cancelled
     * or refunded order) as no longer sold: {@code sold} ranks the popular products.
     */
    private final class Deltas {
        private final List<UUID> ids = new ArrayList<>();
        private final List<Integer> stockDeltas = new ArrayList<>();
        private final List<Integer> reservedDeltas = new ArrayList<>();

        void add(UUID id, int stockDelta, int reservedDelta) {
            if (stockDelta != 0 || reservedDelta != 0) {
                ids.add(id);
                stockDeltas.add(stockDelta);
                reservedDeltas.add(reservedDelta);
            }
        }

        /**
         * Writes the deltas, after {@code with} (a WITH clause of other writes, or empty) with its
         * parameters.
         *
         * @return the available stock of each changed variant afterwards
         */
        Map<UUID, Integer> apply(String with, Map<String, ?> withParams) {
            Map<UUID, Integer> available = new HashMap<>();
            if (ids.isEmpty() && with.isEmpty()) {
                return available;
            }
            jdbc.sql(with + """
                            update variants v set stock = v.stock + d.stock_delta, reserved = v.reserved + d.reserved_delta,
                                sold = greatest(v.sold - d.stock_delta, 0)
                            from variant_deltas(cast(:ids as uuid[]), cast(:stockDeltas as int[]), cast(:reservedDeltas as int[]))
                                as d (id, stock_delta, reserved_delta)
                            where v.id = d.id and v.stock - v.reserved >= -(d.stock_delta - d.reserved_delta)
                                and v.reserved + d.reserved_delta >= 0
                            returning v.id, v.stock - v.reserved as available""")
                    .params(withParams)
                    .param("ids", ids.toArray(UUID[]::new))
                    .param("stockDeltas", stockDeltas.toArray(Integer[]::new))
                    .param("reservedDeltas", reservedDeltas.toArray(Integer[]::new))
                    .query(rs -> {
                        available.put(rs.getObject("id", UUID.class), rs.getInt("available"));
                    });
            for (UUID id : ids) {
                if (!available.containsKey(id)) {
                    // cannot happen under the row locks; fail loudly rather than leave stock inconsistent
                    throw new IllegalStateException("Stock of variant " + id + " changed under a lock");
                }
            }
            return available;
        }
    }

    /** Locks the key's reservation, the variants asked for and those it holds, and reads what it holds. */
    private Locked lockHolding(String key, Map<UUID, Integer> quantities) {
        checkKey(key);
        checkQuantities(quantities);
        return lock(quantities.keySet(), key);
    }

    @Override
    @Transactional
    public void release(String key) {
        checkKey(key);
        releaseWhere(key, null);
    }

    @Override
    @Transactional
    public boolean commit(String key, Map<UUID, Integer> quantities) {
        Locked locked = lockHolding(key, quantities);
        Map<UUID, Integer> held = locked.held();

        for (Map.Entry<UUID, Integer> line : quantities.entrySet()) {
            VariantState state = locked.variants().get(line.getKey());
            int uncovered = line.getValue() - Math.min(held.getOrDefault(line.getKey(), 0), line.getValue());
            // units the hold covers were sold while it ran; others only while still for sale
            if (state == null || state.available() < uncovered || uncovered > 0 && !state.purchasable()) {
                return false;
            }
        }

        Deltas deltas = new Deltas();
        for (UUID id : locked.variants().keySet()) {
            // what the reservation held leaves `reserved`; what was sold leaves `stock`
            deltas.add(id, -quantities.getOrDefault(id, 0), -held.getOrDefault(id, 0));
        }
        Map<UUID, Integer> available = deltas.apply(
                "with released as (delete from stock_reservations where reservation_key = :key) ", Map.of("key", key));
        announce(locked, available);
        return true;
    }

    @Override
    @Transactional
    public void restore(Map<UUID, Integer> quantities) {
        checkQuantities(quantities);
        Locked locked = lock(quantities.keySet(), null);
        Deltas deltas = new Deltas();
        for (UUID id : locked.variants().keySet()) {
            deltas.add(id, quantities.get(id), 0);
        }
        announce(locked, deltas.apply("", Map.of()));
    }

    @Override
    @Transactional
    public int releaseExpired(Instant now) {
        List<String> keys = jdbc.sql("""
                        select reservation_key from stock_reservations
                        where expires_at < ?
                        group by reservation_key
                        limit ?""")
                .params(Timestamp.from(now), SWEEP_BATCH)
                .query(String.class)
                .list();
        int released = 0;
        for (String key : keys) {
            if (releaseWhere(key, now)) {
                released++;
            }
        }
        return released;
    }

    /** Releases the reservation, only if it expired before {@code expiredBefore} when that is given. */
    private boolean releaseWhere(String key, @Nullable Instant expiredBefore) {
        Locked locked = lock(Set.of(), key);
        Map<UUID, Integer> deleted = new HashMap<>();
        jdbc.sql("""
                        delete from stock_reservations
                        where reservation_key = :key and (cast(:before as timestamptz) is null or expires_at < :before)
                        returning variant_id, quantity""")
                .param("key", key)
                .param("before", expiredBefore == null ? null : Timestamp.from(expiredBefore))
                .query((rs, row) -> deleted.put(rs.getObject("variant_id", UUID.class), rs.getInt("quantity")))
                .list();
        if (deleted.isEmpty()) {
            return false;
        }
        locked = lockMissing(locked, deleted.keySet());
        Deltas deltas = new Deltas();
        for (UUID id : new TreeSet<>(deleted.keySet())) {
            deltas.add(id, 0, -deleted.get(id));
        }
        announce(locked, deltas.apply("", Map.of()));
        return true;
    }

    /**
     * Locks the products of the variants, then the variants, each in id order; unknown ids are left
     * out. With a reservation key, the key's reservation lines are locked first, the variants they
     * hold are locked with the others and their quantities read, all by the same statement (the
     * look-up is part of its arrays, so the primary keys still serve).
     */
    private Locked lock(Collection<UUID> variantIds, @Nullable String heldBy) {
        if (variantIds.isEmpty() && heldBy == null) {
            return new Locked(Map.of(), Map.of(), Map.of());
        }
        UUID[] ids = new TreeSet<>(variantIds).toArray(UUID[]::new);
        Map<UUID, ProductState> products = new LinkedHashMap<>();
        Map<UUID, VariantState> variants = new LinkedHashMap<>();
        Map<UUID, Integer> held = new HashMap<>();
        // One statement: the one-time filter on the count reads the CTE p whole, locking every product
        // (and before that, as p reads them, the key's reservation lines h; none without a key)
        // before the first variant is locked. A variant never moves to another product, so finding
        // the products needs no lock.
        String sql = """
                        with h as materialized (
                            select variant_id, quantity from stock_reservations where reservation_key = :key
                            order by variant_id for update),
                        w as materialized (select unnest(cast(:ids as uuid[])) as id union select variant_id from h),
                        p as materialized (
                            select id, slug, in_stock, status from products
                            where id = any (array(select product_id from variants where id = any (array(select id from w))))
                            order by id for no key update)
                        select v.id, v.product_id, v.stock, v.reserved, v.active,
                               v.active and p.status = 'active' as purchasable, p.slug, p.in_stock,
                               coalesce(h.quantity, 0) as held
                        from variants v join p on p.id = v.product_id left join h on h.variant_id = v.id
                        where v.id = any (array(select id from w)) and (select count(*) from p) > 0
                        order by v.id for no key update of v""";
        // typed even when null, so the statement keeps one prepared form
        jdbc.sql(sql)
                .param("ids", ids)
                .param("key", new SqlParameterValue(Types.VARCHAR, heldBy))
                .query(rs -> {
                    UUID productId = rs.getObject("product_id", UUID.class);
                    UUID id = rs.getObject("id", UUID.class);
                    variants.put(
                            id,
                            new VariantState(
                                    id,
                                    productId,
                                    rs.getInt("stock"),
                                    rs.getInt("reserved"),
                                    rs.getBoolean("active"),
                                    rs.getBoolean("purchasable")));
                    if (!products.containsKey(productId)) {
                        products.put(
                                productId,
                                new ProductState(productId, rs.getString("slug"), rs.getBoolean("in_stock")));
                    }
                    int quantity = rs.getInt("held");
                    if (quantity > 0) {
                        held.put(id, quantity);
                    }
                });
        return new Locked(variants, products, held);
    }

    /**
     * Locks variants that a concurrent change under the same key added after the first look. Taken
     * out of order, so this could deadlock in theory (PostgreSQL would then abort one side); it
     * needs two writers of one reservation key at the same moment.
     */
    private Locked lockMissing(Locked locked, Set<UUID> ids) {
        if (locked.variants().keySet().containsAll(ids)) {
            return locked;
        }
        Set<UUID> all = new TreeSet<>(locked.variants().keySet());
        all.addAll(ids);
        return lock(all, null);
    }

    /**
     * Publishes StockChanged for each changed variant and tells the read caches which products moved.
     *
     * @param available what each changed variant has available now
     */
    private void announce(Locked locked, Map<UUID, Integer> available) {
        if (available.isEmpty()) {
            return;
        }
        Map<UUID, List<UUID>> changedByProduct = new LinkedHashMap<>();
        for (UUID id : new TreeSet<>(available.keySet())) {
            VariantState state = locked.variants().get(id);
            if (state != null) {
                changedByProduct
                        .computeIfAbsent(state.productId(), p -> new ArrayList<>())
                        .add(id);
                events.publishEvent(new StockChanged(id, state.productId(), available.get(id)));
            }
        }
        Set<UUID> unknown = new TreeSet<>();
        Map<UUID, Boolean> crossed = new HashMap<>();
        changedByProduct.forEach((productId, variantIds) -> {
            Boolean known = crossedZero(locked, productId, variantIds, available);
            if (known == null) {
                unknown.add(productId);
            } else {
                crossed.put(productId, known);
            }
        });
        if (!unknown.isEmpty()) {
            jdbc.sql("select id, in_stock from products where id in (:ids)")
                    .param("ids", List.copyOf(unknown))
                    .query(rs -> {
                        UUID id = rs.getObject("id", UUID.class);
                        crossed.put(id, locked.products().get(id).inStock() != rs.getBoolean("in_stock"));
                    });
        }
        crossed.forEach((productId, flipped) ->
                changes.stockChanged(locked.products().get(productId).slug(), flipped));
    }

    /**
     * Whether the product went from in stock to sold out or back, told from the changed variants
     * alone where they settle it (the product row is locked, so its other variants did not change):
     * null when a variant of an in-stock product sold out, and the trigger's answer must be read.
     */
    private static @Nullable Boolean crossedZero(
            Locked locked, UUID productId, List<UUID> variantIds, Map<UUID, Integer> available) {
        boolean wasInStock = locked.products().get(productId).inStock();
        boolean anyAvailable = false;
        for (UUID id : variantIds) {
            if (!locked.variants().get(id).active()) {
                continue;
            }
            if (available.get(id) > 0) {
                anyAvailable = true;
            } else if (wasInStock) {
                return null;
            }
        }
        return wasInStock ? false : anyAvailable;
    }

    private static void checkKey(String key) {
        if (key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("reservation key must be 1 to 200 characters");
        }
    }

    private static void checkQuantities(Map<UUID, Integer> quantities) {
        quantities.forEach((id, quantity) -> {
            if (quantity == null || quantity <= 0) {
                throw new IllegalArgumentException("quantity of " + id + " must be positive");
            }
        });
    }
}

package app.dukkan.catalog.stock;

import app.dukkan.catalog.PurchasableVariant;
import app.dukkan.catalog.Stock;
import app.dukkan.catalog.StockChanged;
import app.dukkan.catalog.StockShortageException;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.platform.Money;
import java.sql.Timestamp;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock on PostgreSQL. {@code variants.reserved} is the sum of a variant's reservations; available
 * is {@code stock - reserved}, and a check constraint keeps {@code 0 <= reserved <= stock}.
 *
 * <p>Every change first locks the products concerned, then their variants, both in id order. The
 * variants trigger updates a product row when its in-stock flag or price range changes, so taking
 * those locks first gives every writer the same lock order: concurrent reservations cannot
 * deadlock. Under those locks each method checks everything before
 * it writes, so a refusal changes nothing and does not spoil the caller's transaction; the updates
 * stay conditional all the same.
 */
@Component
class JdbcStock implements Stock {

    /** Reservation keys swept per call of {@link #releaseExpired}. */
    static final int SWEEP_BATCH = 500;

    private record VariantState(UUID id, UUID productId, int stock, int reserved, boolean purchasable) {
        int available() {
            return stock - reserved;
        }
    }

    private record ProductState(UUID id, String slug, boolean inStock) {}

    private record Locked(Map<UUID, VariantState> variants, Map<UUID, ProductState> products) {}

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
        Holding holding = lockHolding(key, quantities);
        Locked locked = holding.locked();
        Map<UUID, Integer> held = holding.held();

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
            jdbc.sql("delete from stock_reservations where reservation_key = ?")
                    .param(key)
                    .update();
        }
        Instant now = clock.instant();
        for (UUID id : new TreeSet<>(quantities.keySet())) {
            jdbc.sql("""
                            insert into stock_reservations (reservation_key, variant_id, quantity, expires_at, created_at)
                            values (?, ?, ?, ?, ?)""")
                    .params(key, id, quantities.get(id), Timestamp.from(expiresAt), Timestamp.from(now))
                    .update();
        }
        Set<UUID> changed = new TreeSet<>();
        for (UUID id : locked.variants().keySet()) {
            int delta = quantities.getOrDefault(id, 0) - held.getOrDefault(id, 0);
            if (delta != 0) {
                int updated =
                        jdbc.sql("""
                                update variants set reserved = reserved + :delta
                                where id = :id and stock - reserved >= :delta""").param("delta", delta).param("id", id).update();
                requireUpdated(updated, id);
                changed.add(id);
            }
        }
        announce(locked, changed);
    }

    private record Holding(Locked locked, Map<UUID, Integer> held) {}

    /** Locks the variants asked for and those the key holds now, and reads what it holds. */
    private Holding lockHolding(String key, Map<UUID, Integer> quantities) {
        checkKey(key);
        checkQuantities(quantities);
        Set<UUID> ids = new TreeSet<>(quantities.keySet());
        ids.addAll(held(key, false).keySet());
        Locked locked = lock(ids);
        Map<UUID, Integer> held = held(key, true);
        return new Holding(lockMissing(locked, held.keySet()), held);
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
        Holding holding = lockHolding(key, quantities);
        Locked locked = holding.locked();
        Map<UUID, Integer> held = holding.held();

        for (Map.Entry<UUID, Integer> line : quantities.entrySet()) {
            VariantState state = locked.variants().get(line.getKey());
            int uncovered = line.getValue() - Math.min(held.getOrDefault(line.getKey(), 0), line.getValue());
            if (state == null || state.available() < uncovered) {
                return false;
            }
        }

        Set<UUID> changed = new TreeSet<>();
        for (UUID id : locked.variants().keySet()) {
            int sold = quantities.getOrDefault(id, 0);
            int wasHeld = held.getOrDefault(id, 0);
            if (sold == 0 && wasHeld == 0) {
                continue;
            }
            // what the reservation held leaves `reserved`; what was sold leaves `stock`
            int updated = jdbc.sql("""
                            update variants set stock = stock - :sold, reserved = reserved - :held
                            where id = :id and stock - reserved >= :sold - :held""")
                    .param("sold", sold)
                    .param("held", wasHeld)
                    .param("id", id)
                    .update();
            requireUpdated(updated, id);
            changed.add(id);
        }
        jdbc.sql("delete from stock_reservations where reservation_key = ?")
                .param(key)
                .update();
        announce(locked, changed);
        return true;
    }

    @Override
    @Transactional
    public void restore(Map<UUID, Integer> quantities) {
        checkQuantities(quantities);
        Locked locked = lock(quantities.keySet());
        Set<UUID> changed = new TreeSet<>();
        for (UUID id : locked.variants().keySet()) {
            jdbc.sql("update variants set stock = stock + ? where id = ?")
                    .params(quantities.get(id), id)
                    .update();
            changed.add(id);
        }
        announce(locked, changed);
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
        Locked locked = lock(held(key, false).keySet());
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
        for (UUID id : new TreeSet<>(deleted.keySet())) {
            int updated = jdbc.sql("update variants set reserved = reserved - ? where id = ? and reserved >= ?")
                    .params(deleted.get(id), id, deleted.get(id))
                    .update();
            requireUpdated(updated, id);
        }
        announce(locked, deleted.keySet());
        return true;
    }

    private Map<UUID, Integer> held(String key, boolean forUpdate) {
        Map<UUID, Integer> held = new HashMap<>();
        jdbc.sql("select variant_id, quantity from stock_reservations where reservation_key = ?"
                        + (forUpdate ? " order by variant_id for update" : ""))
                .param(key)
                .query((rs, row) -> held.put(rs.getObject("variant_id", UUID.class), rs.getInt("quantity")))
                .list();
        return held;
    }

    /** Locks the products of the variants, then the variants, each in id order; unknown ids are left out. */
    private Locked lock(Collection<UUID> variantIds) {
        if (variantIds.isEmpty()) {
            return new Locked(Map.of(), Map.of());
        }
        List<UUID> ids = List.copyOf(new TreeSet<>(variantIds));
        Map<UUID, ProductState> products = new LinkedHashMap<>();
        // a variant never moves to another product, so finding the products needs no lock
        jdbc.sql("""
                        select id, slug, in_stock from products
                        where id in (select product_id from variants where id in (:ids))
                        order by id for no key update""")
                .param("ids", ids)
                .query((rs, row) -> new ProductState(
                        rs.getObject("id", UUID.class), rs.getString("slug"), rs.getBoolean("in_stock")))
                .list()
                .forEach(p -> products.put(p.id(), p));
        if (products.isEmpty()) {
            return new Locked(Map.of(), Map.of());
        }
        Map<UUID, VariantState> variants = new LinkedHashMap<>();
        jdbc.sql("""
                        select v.id, v.product_id, v.stock, v.reserved, v.active and p.status = 'active' as purchasable
                        from variants v join products p on p.id = v.product_id
                        where v.id in (:ids)
                        order by v.id for no key update of v""")
                .param("ids", ids)
                .query((rs, row) -> new VariantState(
                        rs.getObject("id", UUID.class),
                        rs.getObject("product_id", UUID.class),
                        rs.getInt("stock"),
                        rs.getInt("reserved"),
                        rs.getBoolean("purchasable")))
                .list()
                .forEach(v -> variants.put(v.id(), v));
        return new Locked(variants, products);
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
        return lock(all);
    }

    /** Publishes StockChanged for each changed variant and tells the read caches which products moved. */
    private void announce(Locked locked, Set<UUID> changed) {
        if (changed.isEmpty()) {
            return;
        }
        // after the writes: what each changed variant and its product now offer
        Map<UUID, Integer> available = new HashMap<>();
        Map<UUID, Boolean> inStock = new HashMap<>();
        jdbc.sql("""
                        select v.id, v.stock - v.reserved as available, p.id as product_id, p.in_stock
                        from variants v join products p on p.id = v.product_id
                        where v.id in (:ids)""").param("ids", List.copyOf(changed)).query(rs -> {
            available.put(rs.getObject("id", UUID.class), rs.getInt("available"));
            inStock.put(rs.getObject("product_id", UUID.class), rs.getBoolean("in_stock"));
        });
        Set<UUID> productIds = new TreeSet<>();
        for (UUID id : new TreeSet<>(changed)) {
            VariantState state = locked.variants().get(id);
            if (state != null) {
                productIds.add(state.productId());
                events.publishEvent(new StockChanged(id, state.productId(), available.getOrDefault(id, 0)));
            }
        }
        for (UUID productId : productIds) {
            ProductState before = locked.products().get(productId);
            if (before != null) {
                boolean crossed = before.inStock() != inStock.getOrDefault(productId, false);
                changes.stockChanged(before.slug(), crossed);
            }
        }
    }

    private static void requireUpdated(int updated, UUID variantId) {
        if (updated != 1) {
            // cannot happen under the row locks; fail loudly rather than leave stock inconsistent
            throw new IllegalStateException("Stock of variant " + variantId + " changed under a lock");
        }
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

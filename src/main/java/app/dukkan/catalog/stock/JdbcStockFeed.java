package app.dukkan.catalog.stock;

import app.dukkan.catalog.StockFeed;
import app.dukkan.catalog.config.CatalogChanges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The stock changes {@link CatalogChanges} relays between instances, and availability from the variants. */
@Component
class JdbcStockFeed implements StockFeed {

    private final CatalogChanges changes;
    private final JdbcClient jdbc;

    JdbcStockFeed(CatalogChanges changes, JdbcClient jdbc) {
        this.changes = changes;
        this.jdbc = jdbc;
    }

    @Override
    public void onChange(Consumer<Set<String>> listener) {
        changes.onStockChange(change -> listener.accept(change.slugs()));
    }

    @Override
    public Map<String, ProductStock> availability(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return Map.of();
        }
        Map<String, List<VariantStock>> variants = new LinkedHashMap<>();
        // products by their unique slug, variants by (product_id, position): both indexed
        jdbc.sql("""
                        select p.slug, v.id, v.stock - v.reserved as available
                        from products p
                        join variants v on v.product_id = p.id and v.active
                        where p.slug = any(:slugs) and p.status = 'active'
                        order by p.slug, v.position, v.id""").param("slugs", slugs.toArray(String[]::new)).query(rs -> {
            variants.computeIfAbsent(rs.getString("slug"), slug -> new ArrayList<>())
                    .add(new VariantStock(rs.getObject("id", UUID.class), rs.getInt("available")));
        });
        Map<String, ProductStock> stock = new LinkedHashMap<>();
        variants.forEach((slug, list) -> stock.put(slug, new ProductStock(slug, List.copyOf(list))));
        return stock;
    }
}

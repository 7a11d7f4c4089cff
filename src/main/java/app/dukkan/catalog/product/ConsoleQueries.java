package app.dukkan.catalog.product;

import app.dukkan.catalog.ProductConsole.Filter;
import app.dukkan.catalog.ProductConsole.Row;
import app.dukkan.catalog.ProductConsole.StockFilter;
import app.dukkan.catalog.ProductConsole.VariantRow;
import app.dukkan.platform.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The console's reads of products: the filtered list (conditions added only for the filters given,
 * so each reads its index: seller, category, name trigram, SKU) and variants with their compare-at
 * prices. Stock sums come from the product's variants (their index by product), never a column on
 * the product row, which reservations would otherwise rewrite.
 */
@Repository
class ConsoleQueries {

    private final JdbcClient jdbc;

    ConsoleQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A statement with its named parameters. */
    record Statement(String sql, Map<String, Object> params) {}

    /** One page plus one row (to tell whether another page follows). */
    List<Row> search(Filter filter, @Nullable Collection<UUID> categoryIds, int lowStock) {
        Statement statement = statement(filter, categoryIds, lowStock);
        return jdbc.sql(statement.sql())
                .params(statement.params())
                .query(ConsoleQueries::row)
                .list();
    }

    /** The list's query for these filters: a condition only for each filter given. */
    static Statement statement(Filter filter, @Nullable Collection<UUID> categoryIds, int lowStock) {
        StringBuilder sql = new StringBuilder("""
                select p.id, p.slug, p.name, p.status, p.seller_id, c.name as category, p.currency, p.min_price,
                       p.max_price, p.updated_at, s.on_hand, s.available, s.variants
                from products p
                left join categories c on c.id = p.category_id
                cross join lateral (
                    select coalesce(sum(v.stock), 0)::int as on_hand,
                           coalesce(sum(v.stock - v.reserved) filter (where v.active), 0)::int as available,
                           count(*)::int as variants
                    from variants v where v.product_id = p.id) s
                where true""");
        Map<String, Object> params = new HashMap<>();
        if (filter.seller() != null) {
            sql.append(" and p.seller_id = :seller");
            params.put("seller", filter.seller());
        }
        if (filter.status() != null) {
            sql.append(" and p.status = :status");
            params.put("status", filter.status());
        }
        if (categoryIds != null) {
            sql.append(" and p.category_id in (:categories)");
            params.put("categories", categoryIds);
        }
        if (filter.query() != null) {
            sql.append(" ").append("""
                     and p.id in (select id from products where name ilike :pattern escape '\\'
                                  union select id from products where slug = :exact
                                  union select product_id from variants where lower(sku) = :sku)""");
            params.put("pattern", "%" + escapeLike(filter.query()) + "%");
            params.put("exact", filter.query());
            params.put("sku", filter.query().toLowerCase(Locale.ROOT));
        }
        if (filter.stock() != null) {
            sql.append(
                    switch (filter.stock()) {
                        case IN -> " and s.available > 0";
                        case LOW -> " and s.available between 1 and :low";
                        case OUT -> " and s.available <= 0";
                    });
            if (filter.stock() == StockFilter.LOW) {
                params.put("low", lowStock);
            }
        }
        String direction = filter.descending() ? " desc" : " asc";
        sql.append(" order by ")
                .append(
                        switch (filter.sort()) {
                            case NAME -> "p.name" + direction + ", p.id" + direction;
                            case PRICE -> "p.min_price" + direction + " nulls last, p.id" + direction;
                            case STOCK -> "s.available" + direction + ", p.id" + direction;
                            case UPDATED ->
                                filter.descending() ? "p.updated_at desc, p.id desc" : "p.updated_at asc, p.id asc";
                        })
                .append(" limit :limit offset :offset");
        params.put("limit", filter.size() + 1);
        params.put("offset", (long) filter.page() * filter.size());
        return new Statement(sql.toString(), params);
    }

    /** The variants of these products (of {@code seller}'s, when given), by product then position. */
    List<VariantRow> variantsOf(Collection<UUID> productIds, @Nullable UUID seller) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select v.product_id, p.name as product_name, v.sku, v.name, v.price_minor, v.currency, v.stock,
                               v.reserved
                        from variants v join products p on p.id = v.product_id
                        where v.product_id in (:ids) and (cast(:seller as uuid) is null or p.seller_id = :seller)
                        order by p.name, p.id, v.position, v.id""")
                .param("ids", productIds)
                .param("seller", seller)
                .query((rs, n) -> new VariantRow(
                        rs.getObject("product_id", UUID.class),
                        rs.getString("product_name"),
                        rs.getString("sku"),
                        rs.getString("name"),
                        Money.ofMinor(rs.getLong("price_minor"), rs.getString("currency")),
                        rs.getInt("stock"),
                        rs.getInt("reserved")))
                .list();
    }

    /** Compare-at prices of a product's variants that have one. */
    Map<UUID, Long> compareAtOf(UUID productId) {
        Map<UUID, Long> result = new HashMap<>();
        jdbc.sql("select id, compare_at_minor from variants where product_id = ? and compare_at_minor is not null")
                .param(productId)
                .query(rs -> {
                    result.put(rs.getObject("id", UUID.class), rs.getLong("compare_at_minor"));
                });
        return result;
    }

    void setCompareAt(UUID variantId, @Nullable Long minor) {
        jdbc.sql("update variants set compare_at_minor = ? where id = ?")
                .params(minor, variantId)
                .update();
    }

    @Nullable
    UUID variantIdBySku(UUID productId, String sku) {
        return jdbc.sql("select id from variants where product_id = ? and lower(sku) = ?")
                .params(productId, sku.toLowerCase(Locale.ROOT))
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        Long min = rs.getObject("min_price", Long.class);
        Long max = rs.getObject("max_price", Long.class);
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("status"),
                rs.getObject("seller_id", UUID.class),
                rs.getString("category"),
                min == null ? null : Money.ofMinor(min, currency),
                max == null ? null : Money.ofMinor(max, currency),
                rs.getInt("on_hand"),
                rs.getInt("available"),
                rs.getInt("variants"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

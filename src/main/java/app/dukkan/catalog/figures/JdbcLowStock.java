package app.dukkan.catalog.figures;

import app.dukkan.catalog.LowStock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the active variants (no index on {@code stock - reserved}: it would change with every
 * reservation and cost every purchase a heap-only-tuple update; see docs/benchmarks.md).
 */
@Component
class JdbcLowStock implements LowStock {

    private final JdbcClient jdbc;

    JdbcLowStock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public LowVariants page(@Nullable UUID seller, int threshold, int page, int size) {
        String where = """
                from variants v
                         join products p on p.id = v.product_id
                where v.active and p.status <> 'archived' and v.stock - v.reserved <= :threshold
                """ + (seller == null ? "" : " and p.seller_id = :seller");
        long total = jdbc.sql("select count(*) " + where)
                .param("threshold", threshold)
                .param("seller", seller)
                .query(Long.class)
                .single();
        List<LowVariant> items = total == 0
                ? List.of()
                : jdbc.sql("select v.id, v.product_id, p.name as product_name, v.sku, v.name, v.stock, v.reserved "
                                + where
                                + " order by v.stock - v.reserved, lower(v.sku) limit :limit offset :offset")
                        .param("threshold", threshold)
                        .param("seller", seller)
                        .param("limit", size)
                        .param("offset", (long) page * size)
                        .query((rs, row) -> new LowVariant(
                                rs.getObject("product_id", UUID.class),
                                rs.getString("product_name"),
                                rs.getObject("id", UUID.class),
                                rs.getString("sku"),
                                rs.getString("name"),
                                rs.getInt("stock"),
                                rs.getInt("reserved"),
                                rs.getInt("stock") - rs.getInt("reserved")))
                        .list();
        return new LowVariants(items, total, page, size);
    }
}

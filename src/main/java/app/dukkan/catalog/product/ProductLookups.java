package app.dukkan.catalog.product;

import app.dukkan.catalog.ProductLookup;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ProductLookup} in one statement: the name over {@code products_name_any_trgm_idx}, the SKU
 * over {@code variants_sku_uq}.
 */
@Repository
@Transactional(readOnly = true)
class ProductLookups implements ProductLookup {

    private final JdbcClient jdbc;

    ProductLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Row> find(String text, @Nullable UUID sellerId, int limit) {
        String search = text.strip();
        if (search.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        with by_sku as (
                            select v.product_id, v.sku from variants v where lower(v.sku) = lower(:text)
                        ), found as (
                            select p.id, null::text as sku from products p
                            where lower(p.name) like :pattern escape '\\'
                            union
                            select product_id, sku from by_sku
                        )
                        select p.id, p.name, p.slug, p.status, p.seller_id, max(f.sku) as sku
                        from found f join products p on p.id = f.id
                        where (cast(:seller as uuid) is null or p.seller_id = :seller)
                        group by p.id
                        order by p.created_at desc, p.id desc
                        limit :limit""")
                .param("text", search)
                .param("pattern", "%" + escapeLike(search.toLowerCase(java.util.Locale.ROOT)) + "%")
                .param("seller", sellerId)
                .param("limit", Math.max(1, Math.min(limit, MAX_ROWS)))
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("slug"),
                        rs.getString("status"),
                        rs.getObject("seller_id", UUID.class),
                        rs.getString("sku")))
                .list();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

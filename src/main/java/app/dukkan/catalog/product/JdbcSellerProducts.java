package app.dukkan.catalog.product;

import app.dukkan.catalog.SellerProducts;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link SellerProducts} over {@code products_seller_idx}. */
@Component
class JdbcSellerProducts implements SellerProducts {

    /** Walks {@code products_seller_idx} newest first: a seller's drafts cost rows skipped, not a sort. */
    static final String NEWEST_ACTIVE = """
            select id from products
            where seller_id = :seller and status = 'active'
            order by created_at desc, id desc
            limit :limit""";

    private final JdbcClient jdbc;

    JdbcSellerProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<UUID> productIds(UUID sellerId) {
        return Set.copyOf(jdbc.sql("select id from products where seller_id = ?")
                .param(sellerId)
                .query(UUID.class)
                .list());
    }

    @Override
    public boolean sellsAny(UUID sellerId) {
        return Boolean.TRUE.equals(jdbc.sql("select exists (select 1 from products where seller_id = ?)")
                .param(sellerId)
                .query(Boolean.class)
                .single());
    }

    @Override
    public List<UUID> newestActive(UUID sellerId, int limit) {
        return jdbc.sql(NEWEST_ACTIVE)
                .param("seller", sellerId)
                .param("limit", Math.max(0, limit))
                .query(UUID.class)
                .list();
    }

    @Override
    public boolean sells(UUID sellerId, UUID productId) {
        return Boolean.TRUE.equals(jdbc.sql("select exists (select 1 from products where id = ? and seller_id = ?)")
                .params(productId, sellerId)
                .query(Boolean.class)
                .single());
    }
}

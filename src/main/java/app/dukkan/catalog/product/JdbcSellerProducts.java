package app.dukkan.catalog.product;

import app.dukkan.catalog.SellerProducts;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link SellerProducts} over {@code products_seller_idx}. */
@Component
class JdbcSellerProducts implements SellerProducts {

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
    public boolean sells(UUID sellerId, UUID productId) {
        return Boolean.TRUE.equals(jdbc.sql("select exists (select 1 from products where id = ? and seller_id = ?)")
                .params(productId, sellerId)
                .query(Boolean.class)
                .single());
    }
}

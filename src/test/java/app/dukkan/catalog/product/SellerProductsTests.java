package app.dukkan.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.catalog.SellerProducts;
import app.dukkan.testing.DukkanTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A seller's newest active products (their profile's product list) are found however many newer
 * drafts the seller keeps, over the seller's index. Measured on 10,000 products of other sellers and
 * 300 drafts of this one, written (and analyzed) in a transaction that is rolled back.
 */
@DukkanTest
class SellerProductsTests {

    @Autowired
    SellerProducts sellerProducts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    record Outcome(List<UUID> newest, List<UUID> active, boolean sells, boolean strangerSells, String plan) {}

    @Test
    void newerDraftsDoNotHideASellersActiveProducts() {
        UUID seller = UUID.randomUUID();
        Outcome outcome = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                    insert into products (id, slug, name, status, seller_id, currency, created_at, updated_at)
                    select gen_random_uuid(), 'others-' || i, 'Other ' || i, 'active', gen_random_uuid(), 'EUR',
                           now() - i * interval '1 minute', now()
                    from generate_series(1, 10000) i""").update();
            jdbc.sql("""
                    insert into products (id, slug, name, status, seller_id, currency, created_at, updated_at)
                    select gen_random_uuid(), 'mine-active-' || i, 'Active ' || i,
                           case when i = 2 then 'archived' else 'active' end, :seller, 'EUR',
                           now() - interval '1 day' - i * interval '1 minute', now()
                    from generate_series(1, 4) i""").param("seller", seller).update();
            jdbc.sql("""
                    insert into products (id, slug, name, status, seller_id, currency, created_at, updated_at)
                    select gen_random_uuid(), 'mine-draft-' || i, 'Draft ' || i, 'draft', :seller, 'EUR',
                           now() - i * interval '1 second', now()
                    from generate_series(1, 300) i""").param("seller", seller).update();
            jdbc.sql("analyze products").update();
            List<UUID> active = jdbc.sql("""
                            select id from products where slug in ('mine-active-1', 'mine-active-3', 'mine-active-4')
                            order by slug""").query(UUID.class).list();
            String plan = String.join(
                    "\n",
                    jdbc.sql("explain " + JdbcSellerProducts.NEWEST_ACTIVE)
                            .param("seller", seller)
                            .param("limit", 12)
                            .query(String.class)
                            .list());
            return new Outcome(
                    sellerProducts.newestActive(seller, 12),
                    active,
                    sellerProducts.sellsAny(seller),
                    sellerProducts.sellsAny(UUID.randomUUID()),
                    plan);
        });
        assertThat(outcome.newest()).containsExactlyElementsOf(outcome.active());
        assertThat(outcome.sells()).isTrue();
        assertThat(outcome.strangerSells()).isFalse();
        assertThat(outcome.plan())
                .as(outcome.plan())
                .contains("products_seller_idx")
                .doesNotContain("Seq Scan");
    }

    @Test
    void theLimitCutsTheNewestFirst() {
        UUID seller = UUID.randomUUID();
        List<List<UUID>> outcome = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                    insert into products (id, slug, name, status, seller_id, currency, created_at, updated_at)
                    select gen_random_uuid(), 'limit-' || i, 'Limit ' || i, 'active', :seller, 'EUR',
                           now() - i * interval '1 minute', now()
                    from generate_series(1, 5) i""").param("seller", seller).update();
            return List.of(
                    sellerProducts.newestActive(seller, 2),
                    jdbc.sql("select id from products where slug in ('limit-1', 'limit-2') order by slug")
                            .query(UUID.class)
                            .list(),
                    sellerProducts.newestActive(seller, -1));
        });
        assertThat(outcome.get(0)).containsExactlyElementsOf(outcome.get(1));
        assertThat(outcome.get(2)).isEmpty();
    }
}

package app.dukkan.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.catalog.ProductConsole;
import app.dukkan.catalog.ProductConsole.Filter;
import app.dukkan.catalog.ProductConsole.Sort;
import app.dukkan.testing.DukkanTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's product list reads indexes for its common paths (newest change, a seller's, a
 * category's, by name), never every product, and finds an exact SKU or slug by its index; the stock of each listed product is
 * summed from its variants (their index by product). Measured on 10,000 products with a variant
 * each, written (and analyzed) in a transaction that is rolled back, so the shared database is left as it was.
 */
@DukkanTest
class ProductConsolePlanTests {

    private static final UUID SELLER = UUID.fromString("00000000-0000-7000-8000-00000000beef");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theListsPathsReadTheirIndexes() {
        Map<String, String> plans = transactions.execute(status -> {
            status.setRollbackOnly();
            UUID category = UUID.randomUUID();
            jdbc.sql("""
                    insert into categories (id, slug, name, position, created_at, updated_at)
                    values (?, 'plan-category', 'Plan category', 0, now(), now())""").param(category).update();
            jdbc.sql("""
                    insert into products (id, slug, name, description, status, seller_id, category_id, currency,
                                          created_at, updated_at)
                    select gen_random_uuid(), 'plan-' || i, 'Plan ' || md5(i::text), '',
                           (array['draft', 'active', 'archived'])[1 + i % 3],
                           case when i % 200 = 0 then cast(:seller as uuid) else gen_random_uuid() end,
                           case when i % 100 = 0 then cast(:category as uuid) end, 'EUR',
                           now() - i * interval '1 minute', now() - i * interval '1 minute'
                    from generate_series(1, 10000) i""").param("seller", SELLER).param("category", category).update();
            // a variant each, so that the plans do not depend on what other tests left in the table
            jdbc.sql("""
                    insert into variants (id, product_id, sku, price_minor, currency, stock, position, created_at,
                                          updated_at)
                    select gen_random_uuid(), id, 'SKU-' || slug, 1000, 'EUR', 5, 0, now(), now()
                    from products where slug like 'plan-%'""").update();
            jdbc.sql("analyze products").update();
            jdbc.sql("analyze variants").update();
            Map<String, String> result = new LinkedHashMap<>();
            result.put("newest", plan(filter(null, null, null, Sort.UPDATED, true), null));
            result.put("seller", plan(filter(null, SELLER, null, Sort.UPDATED, true), null));
            result.put("category", plan(filter(null, null, "plan-category", Sort.UPDATED, true), List.of(category)));
            result.put("by name", plan(filter(null, null, null, Sort.NAME, false), null));
            result.put("search", plan(filter("3f9a2c", null, null, Sort.UPDATED, true), null));
            return result;
        });
        assertThat(plans.entrySet().stream()
                        .filter(e -> !e.getKey().equals("search"))
                        .map(Map.Entry::getValue)
                        .toList())
                .allSatisfy(plan -> assertThat(plan).as(plan).doesNotContain("Seq Scan on products"));
        assertThat(plans.get("newest")).contains("products_updated_idx");
        assertThat(plans.get("seller")).contains("products_seller_updated_idx");
        assertThat(plans.get("category")).contains("products_category_all_idx");
        assertThat(plans.get("by name")).contains("products_name_order_idx");
        // an exact SKU or slug is found by its unique index; the name part (a trigram index,
        // products_name_all_trgm_idx) is left to the planner, which reads 10,000 rows as cheaply
        assertThat(plans.get("search")).contains("variants_sku_uq", "products_slug_uq");
    }

    private static Filter filter(String query, UUID seller, String category, Sort sort, boolean descending) {
        return new Filter(query, null, category, seller, null, sort, descending, 0, 25);
    }

    private String plan(Filter filter, List<UUID> categories) {
        ConsoleQueries.Statement statement = ConsoleQueries.statement(filter, categories, ProductConsole.LOW_STOCK);
        return String.join(
                "\n",
                jdbc.sql("explain " + statement.sql())
                        .params(statement.params())
                        .query(String.class)
                        .list());
    }
}

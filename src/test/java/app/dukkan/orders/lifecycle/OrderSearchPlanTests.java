package app.dukkan.orders.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.orders.OrderConsole;
import app.dukkan.orders.OrderStatus;
import app.dukkan.testing.DukkanTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every search of the console's order list is served by an index, never by reading every order or
 * line. Measured on 50,000 orders with a line each, written (and analyzed) in a transaction that is
 * rolled back, so the shared database is left as it was.
 */
@DukkanTest
class OrderSearchPlanTests {

    private static final UUID PRODUCT = UUID.fromString("00000000-0000-7000-8000-000000000001");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void everyFilterAndSortUsesAnIndex() {
        OrderConsole.Filter none = OrderConsole.Filter.none();
        Map<String, String> plans = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                    insert into orders (id, number, status, email, phone, address, shipping_code, shipping_name,
                        currency, subtotal_minor, discount_minor, shipping_minor, tax_minor, tax_rate, tax_inclusive,
                        total_minor, created_at, updated_at, paid_at)
                    select ('00000000-0000-7000-9000-' || lpad(i::text, 12, '0'))::uuid, 'PL-' || i,
                           (array['paid', 'fulfilled', 'cancelled', 'refunded'])[1 + i % 4],
                           'plan-' || i || '@example.com', '+49 30 ' || i, '{}'::jsonb, 'standard', 'Standard',
                           'EUR', 1000 + i, 0, 490, 0, 19, true, 1490 + i,
                           now() - i * interval '1 minute', now(), now() - i * interval '1 minute'
                    from generate_series(1, 50000) i""").update();
            jdbc.sql("""
                    insert into order_lines (id, order_id, position, variant_id, product_id, sku, product_name,
                        variant_name, product_slug, unit_price_minor, quantity, paid_minor)
                    select gen_random_uuid(), ('00000000-0000-7000-9000-' || lpad(i::text, 12, '0'))::uuid, 0,
                           gen_random_uuid(),
                           case when i % 1000 = 0 then ?::uuid else gen_random_uuid() end,
                           'SKU-' || i, 'Thing', '', 'thing', 1000 + i, 1, 1000 + i
                    from generate_series(1, 50000) i""").param(PRODUCT).update();
            jdbc.sql("analyze orders").update();
            jdbc.sql("analyze order_lines").update();
            Map<String, String> found = new LinkedHashMap<>();
            found.put("newest", plan(null, none, OrderConsole.Sort.PLACED));
            found.put("by total", plan(null, none, OrderConsole.Sort.TOTAL));
            found.put("by number", plan(null, filter("PL-4711", null, null, null), OrderConsole.Sort.PLACED));
            found.put(
                    "by email", plan(null, filter(null, "PLAN-4711@example.com", null, null), OrderConsole.Sort.TOTAL));
            found.put("by phone", plan(null, filter(null, null, "+49 30 4711", null), OrderConsole.Sort.PLACED));
            found.put("refunded", plan(null, filter(null, null, null, "refunded"), OrderConsole.Sort.PLACED));
            found.put("by status", plan(null, none, OrderConsole.Sort.STATUS));
            found.put(
                    "days",
                    plan(
                            null,
                            OrderConsole.Filter.parse(null, null, null, null, "2020-01-01", "2020-01-02"),
                            OrderConsole.Sort.PLACED));
            found.put("seller", plan(Set.of(PRODUCT), none, OrderConsole.Sort.PLACED));
            found.put("seller by total", plan(Set.of(PRODUCT), none, OrderConsole.Sort.TOTAL));
            return found;
        });
        assertThat(plans)
                .allSatisfy((name, plan) -> assertThat(plan)
                        .as(name + ":\n" + plan)
                        .doesNotContain("Seq Scan on orders", "Seq Scan on order_lines"));
        assertThat(plans.get("by total")).contains("orders_total_idx");
        assertThat(plans.get("by number")).contains("orders_number_key");
        assertThat(plans.get("by email")).contains("orders_email_idx");
        assertThat(plans.get("by phone")).contains("orders_phone_idx");
        assertThat(plans.get("seller")).contains("order_lines_product_idx");
    }

    private static OrderConsole.Filter filter(
            @Nullable String number, @Nullable String email, @Nullable String phone, @Nullable String status) {
        return new OrderConsole.Filter(
                number, email, phone, status == null ? null : OrderStatus.fromCode(status), null, null);
    }

    private String plan(@Nullable Set<UUID> products, OrderConsole.Filter filter, OrderConsole.Sort sort) {
        ConsoleOrders.Query query = ConsoleOrders.rowsQuery(products, filter, sort, true, 25, 0);
        List<String> lines = jdbc.sql("explain " + query.sql())
                .params(query.params())
                .query(String.class)
                .list();
        return String.join("\n", lines);
    }
}

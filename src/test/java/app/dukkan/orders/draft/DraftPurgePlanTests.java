package app.dukkan.orders.draft;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A batch of the abandoned-drafts purge finds its drafts by their index and their holds by their
 * key, never by reading every order or hold. Measured on 50,000 orders with a hold each, a tenth of
 * them drafts and a tenth awaiting payment, written (and analyzed) in a transaction that is rolled
 * back.
 */
@DukkanTest
class DraftPurgePlanTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aBatchUsesTheDraftsIndexAndTheHoldsKey() {
        String plan = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                    insert into orders (id, number, status, email, address, shipping_code, shipping_name,
                        currency, subtotal_minor, discount_minor, shipping_minor, tax_minor, tax_rate, tax_inclusive,
                        total_minor, created_at, updated_at, paid_at)
                    select ('00000000-0000-7000-9100-' || lpad(i::text, 12, '0'))::uuid,
                           case when i % 10 in (0, 5) then null else 'DP-' || i end,
                           case i % 10 when 0 then 'draft' when 5 then 'awaiting_payment' else 'paid' end,
                           'plan-' || i || '@example.com', '{}'::jsonb, 'standard', 'Standard',
                           'EUR', 1000, 0, 490, 0, 19, true, 1490,
                           now() - i * interval '1 hour', now() - i * interval '1 hour',
                           case when i % 10 in (0, 5) then null else now() - i * interval '1 hour' end
                    from generate_series(1, 50000) i""").update();
            jdbc.sql("""
                    insert into payment_holds (order_id, revision, client, expires_at, created_at)
                    select ('00000000-0000-7000-9100-' || lpad(i::text, 12, '0'))::uuid, 1, 'plan',
                           now() - i * interval '1 hour', now() - i * interval '1 hour'
                    from generate_series(1, 50000) i""").update();
            jdbc.sql("analyze orders").update();
            jdbc.sql("analyze payment_holds").update();
            List<String> lines = jdbc.sql("explain " + DraftPurge.BATCH)
                    .param("cutoff", Timestamp.from(Instant.now().minus(Duration.ofDays(30))))
                    .param("batch", 1000)
                    .param("now", Timestamp.from(Instant.now()))
                    .query(String.class)
                    .list();
            return String.join("\n", lines);
        });
        assertThat(plan)
                .as(plan)
                .contains("orders_abandoned_drafts_idx")
                .doesNotContain("Seq Scan on orders", "Seq Scan on payment_holds");
    }
}

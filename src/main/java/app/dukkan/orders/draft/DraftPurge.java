package app.dukkan.orders.draft;

import app.dukkan.platform.RetentionPurge;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes drafts abandoned for longer than {@code dukkan.orders.retention.abandoned-drafts} (by
 * {@code orders_abandoned_drafts_idx}), with their lines, history and holds, {@code purge-batch} at
 * a time, each batch its own short transaction: drafts in {@code draft} status without a payment, and
 * drafts awaiting a payment that never came, which hold the shopper's email and address as well. A
 * paid order stays. A draft that once started a payment (it took a hold, or awaits one), such as one
 * set aside when its customer signed in or one changed after its payment started, is remembered in
 * {@code purged_drafts}: the provider may still confirm that payment, which is then refunded.
 *
 * <p>Purging a draft awaiting payment loses no money: a card authorisation does not stay pending for
 * the retention (days at most, and the hold of stock and coupon ends far sooner), so nothing
 * legitimate is in flight by then, and a success that still arrives finds the record and is refunded.
 */
@Component
@EnableConfigurationProperties(DraftPurge.Retention.class)
public class DraftPurge implements RetentionPurge {

    /**
     * @param abandonedDrafts how long a draft that was never paid is kept after its last change
     * @param purgeBatch how many drafts one statement deletes
     */
    @ConfigurationProperties("dukkan.orders.retention")
    record Retention(
            @DefaultValue("30d") Duration abandonedDrafts,
            @DefaultValue("1000") int purgeBatch) {

        Retention {
            if (abandonedDrafts.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("dukkan.orders.retention.abandoned-drafts must be at least one day");
            }
            if (purgeBatch < 1) {
                throw new IllegalArgumentException("dukkan.orders.retention.purge-batch must be at least 1");
            }
        }
    }

    /**
     * One batch in one statement, so a draft never goes without its record. Drafts locked now (a
     * payment starting, a payment event) are skipped: they are not abandoned. A draft awaiting payment
     * is remembered even when its hold is gone, since its payment was started all the same.
     */
    static final String BATCH = """
                with doomed as (
                    select o.id, o.status from orders o
                    where (o.status = 'draft' and o.payment_id is null or o.status = 'awaiting_payment')
                        and o.updated_at < :cutoff
                    order by o.updated_at
                    limit :batch
                    for update skip locked
                ), held as (
                    delete from payment_holds h using doomed d where h.order_id = d.id
                    returning h.order_id
                ), remembered as (
                    insert into purged_drafts (order_id, purged_at)
                    select order_id, cast(:now as timestamptz) from held
                    union
                    select id, cast(:now as timestamptz) from doomed where status = 'awaiting_payment'
                    on conflict do nothing
                )
                delete from orders o using doomed d where o.id = d.id""";

    private final JdbcClient jdbc;
    private final Retention retention;
    private final Clock clock;

    DraftPurge(JdbcClient jdbc, Retention retention, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "abandoned-drafts";
    }

    @Override
    public Duration retention() {
        return retention.abandonedDrafts();
    }

    /** In batches: set-aside and changed drafts add up, and no purge holds row locks for long. */
    @Override
    public int purgeBefore(Instant cutoff) {
        int removed = 0;
        while (true) {
            int deleted = purgeBatch(cutoff, retention.purgeBatch());
            removed += deleted;
            if (deleted < retention.purgeBatch()) {
                return removed;
            }
        }
    }

    /** Deletes up to {@code batch} drafts untouched since {@code cutoff}; how many. */
    int purgeBatch(Instant cutoff, int batch) {
        return jdbc.sql(BATCH)
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Whether the draft was purged after it started a payment, which is refunded if it succeeds. */
    public boolean purgedWithPayment(UUID orderId) {
        return jdbc.sql("select exists(select 1 from purged_drafts where order_id = ?)")
                .param(orderId)
                .query(Boolean.class)
                .single();
    }
}

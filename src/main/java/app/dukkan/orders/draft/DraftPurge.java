package app.dukkan.orders.draft;

import app.dukkan.platform.RetentionPurge;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes drafts abandoned for longer than {@code dukkan.orders.retention.abandoned-drafts} (by
 * {@code orders_abandoned_drafts_idx}), with their lines and history. Only drafts that never started
 * a payment: one waiting for its payment, or that ever took a hold of stock and coupon, stays (its
 * payment may still arrive, and holds refer to it).
 */
@Component
@EnableConfigurationProperties(DraftPurge.Retention.class)
class DraftPurge implements RetentionPurge {

    /** @param abandonedDrafts how long a draft that was never paid is kept after its last change */
    @ConfigurationProperties("dukkan.orders.retention")
    record Retention(@DefaultValue("30d") Duration abandonedDrafts) {

        Retention {
            if (abandonedDrafts.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("dukkan.orders.retention.abandoned-drafts must be at least one day");
            }
        }
    }

    private final JdbcClient jdbc;
    private final Retention retention;

    DraftPurge(JdbcClient jdbc, Retention retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "abandoned-drafts";
    }

    @Override
    public Duration retention() {
        return retention.abandonedDrafts();
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return jdbc.sql("""
                        delete from orders o
                        where o.status = 'draft' and o.payment_id is null and o.updated_at < :cutoff
                          and not exists (select 1 from payment_holds h where h.order_id = o.id)""").param("cutoff", Timestamp.from(cutoff)).update();
    }
}

package app.dukkan.payments.processing;

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
 * Deletes the provider's events processed longer ago than {@code dukkan.payments.retention.events}
 * (by {@code payment_events_processed_idx}). Unprocessed events stay until they are processed: their
 * job still needs them. The retention is far longer than a provider retries an event (Stripe: 3
 * days), so a late repeat is still recognized as one.
 */
@Component
@EnableConfigurationProperties(PaymentEventPurge.Retention.class)
class PaymentEventPurge implements RetentionPurge {

    /** @param events how long a processed provider event is kept */
    @ConfigurationProperties("dukkan.payments.retention")
    record Retention(@DefaultValue("90d") Duration events) {

        Retention {
            if (events.compareTo(Duration.ofDays(7)) < 0) {
                throw new IllegalArgumentException("dukkan.payments.retention.events must be at least 7 days");
            }
        }
    }

    private final JdbcClient jdbc;
    private final Retention retention;

    PaymentEventPurge(JdbcClient jdbc, Retention retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "payment-events";
    }

    @Override
    public Duration retention() {
        return retention.events();
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return jdbc.sql("delete from payment_events where processed_at is not null and processed_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}

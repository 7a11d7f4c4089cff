package app.dukkan.notifications.mail;

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
 * Deletes the development mailbox's mails older than {@code dukkan.notifications.retention.mailbox}
 * (by {@code mailbox_messages_recent_idx}), whichever transport is in use now.
 */
@Component
@EnableConfigurationProperties(MailboxPurge.Retention.class)
public class MailboxPurge implements RetentionPurge {

    /** @param mailbox how long a mail stays in the development mailbox */
    @ConfigurationProperties("dukkan.notifications.retention")
    record Retention(@DefaultValue("30d") Duration mailbox) {

        Retention {
            if (mailbox.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("dukkan.notifications.retention.mailbox must be at least one day");
            }
        }
    }

    private final JdbcClient jdbc;
    private final Retention retention;

    MailboxPurge(JdbcClient jdbc, Retention retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "mailbox";
    }

    @Override
    public Duration retention() {
        return retention.mailbox();
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return jdbc.sql("delete from mailbox_messages where created_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}

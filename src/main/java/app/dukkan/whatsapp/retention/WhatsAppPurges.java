package app.dukkan.whatsapp.retention;

import app.dukkan.platform.RetentionPurge;
import app.dukkan.platform.RetentionPurges;
import app.dukkan.whatsapp.config.WhatsAppProperties;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The WhatsApp channel's nightly purges: conversations without a message for {@code
 * dukkan.whatsapp.retention.conversations} (their messages go with them), and after {@code
 * dukkan.whatsapp.retention.inbox} the inbox's records of deliveries (by when they were processed,
 * or, never processed, when they arrived) and the statuses that found no message to attach to.
 */
@Configuration(proxyBeanMethods = false)
class WhatsAppPurges {

    @Bean
    RetentionPurge whatsappConversationsPurge(JdbcClient jdbc, WhatsAppProperties properties) {
        return purge(
                "whatsapp-conversations",
                properties.retention().conversations(),
                jdbc,
                "delete from whatsapp_conversations where last_message_at < :cutoff");
    }

    @Bean
    RetentionPurge whatsappInboxPurge(JdbcClient jdbc, WhatsAppProperties properties) {
        return purge(
                "whatsapp-inbox",
                properties.retention().inbox(),
                jdbc,
                "delete from whatsapp_inbox where processed_at < :cutoff",
                "delete from whatsapp_inbox where processed_at is null and received_at < :cutoff",
                "delete from whatsapp_early_statuses where at < :cutoff");
    }

    @Bean
    RecurringTask<Void> purgeWhatsappConversations(RetentionPurges purges, RetentionPurge whatsappConversationsPurge) {
        return purges.nightly(whatsappConversationsPurge);
    }

    @Bean
    RecurringTask<Void> purgeWhatsappInbox(RetentionPurges purges, RetentionPurge whatsappInboxPurge) {
        return purges.nightly(whatsappInboxPurge);
    }

    private static RetentionPurge purge(String name, Duration retention, JdbcClient jdbc, String... deletes) {
        return new RetentionPurge() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration retention() {
                return retention;
            }

            @Override
            public int purgeBefore(Instant cutoff) {
                int deleted = 0;
                for (String delete : deletes) {
                    deleted += jdbc.sql(delete)
                            .param("cutoff", Timestamp.from(cutoff))
                            .update();
                }
                return deleted;
            }
        };
    }
}

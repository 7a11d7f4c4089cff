package app.dukkan.orders.draft;

import app.dukkan.platform.RetentionPurges;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DraftTasks {

    @Bean
    RecurringTask<Void> purgeAbandonedDrafts(RetentionPurges purges, DraftPurge purge) {
        return purges.nightly(purge);
    }
}

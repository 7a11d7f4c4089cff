package app.dukkan.automation.log;

import app.dukkan.platform.RetentionPurges;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogProperties.class)
class LogTasks {

    /**
     * Every night at 03:15 UTC, lines older than the retention go (counted and logged as every
     * retention purge; the task keeps the name it was first scheduled under).
     */
    @Bean
    RecurringTask<Void> pruneAutomationLogs(LogPruning pruning, RetentionPurges purges) {
        return Tasks.recurring("prune-automation-logs", Schedules.daily(ZoneOffset.UTC, LocalTime.of(3, 15)))
                .execute((instance, context) -> purges.run(pruning));
    }
}

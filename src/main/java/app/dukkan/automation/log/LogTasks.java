package app.dukkan.automation.log;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogProperties.class)
class LogTasks {

    private static final Logger log = LoggerFactory.getLogger(LogTasks.class);

    /** Every night at 03:15 UTC, lines older than the retention go. */
    @Bean
    RecurringTask<Void> pruneAutomationLogs(LogPruning pruning, LogProperties properties) {
        return Tasks.recurring("prune-automation-logs", Schedules.daily(ZoneOffset.UTC, LocalTime.of(3, 15)))
                .execute((instance, context) -> {
                    int removed = pruning.pruneExpired();
                    log.info("Pruned {} automation log line(s) older than {}", removed, properties.retention());
                });
    }
}

package app.dukkan.identity.limits;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RateLimitTasks {

    private static final Logger log = LoggerFactory.getLogger(RateLimitTasks.class);

    /**
     * A bucket that has refilled completely says nothing a new one would not: its row goes, so that
     * every client address that ever signed in does not stay in the table.
     */
    @Bean
    RecurringTask<Void> removeExpiredRateLimits(RateLimits limits) {
        return Tasks.recurring("remove-expired-rate-limits", FixedDelay.of(Duration.ofMinutes(10)))
                .execute((instance, context) -> {
                    int removed = limits.removeExpired();
                    if (removed > 0) {
                        log.debug("Removed {} expired rate limit bucket(s)", removed);
                    }
                });
    }
}

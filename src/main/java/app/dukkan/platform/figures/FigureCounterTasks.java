package app.dukkan.platform.figures;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FigureCounterTasks {

    private static final Logger log = LoggerFactory.getLogger(FigureCounterTasks.class);

    /** Every 10 minutes, the slots of the hours that ended over an hour ago become one row each. */
    @Bean
    RecurringTask<Void> compactFigureCounters(JdbcFigureCounters counters, Clock clock) {
        return Tasks.recurring("compact-figure-counters", FixedDelay.of(Duration.ofMinutes(10)))
                .execute((instance, context) -> {
                    int folded = counters.compact(clock.instant().minus(Duration.ofHours(1)));
                    if (folded > 0) {
                        log.debug("Folded {} figure counter row(s)", folded);
                    }
                });
    }
}

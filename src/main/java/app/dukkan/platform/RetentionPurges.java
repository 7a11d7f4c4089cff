package app.dukkan.platform;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the nightly db-scheduler task of a {@link RetentionPurge}: one run a night on one instance,
 * a log line and the counter {@code dukkan.retention.purged} (tag {@code purge}) with what it
 * removed. Declare its result as a bean ({@code @Bean RecurringTask<Void> purgeX(RetentionPurges
 * purges, XPurge purge)}); the scheduler picks every task bean up.
 */
@Component
public class RetentionPurges {

    /** When the purges run: a quiet hour in most of the shop's time zones. */
    public static final LocalTime AT = LocalTime.of(3, 30);

    private static final Logger log = LoggerFactory.getLogger(RetentionPurges.class);

    private final Clock clock;
    private final MeterRegistry meters;

    RetentionPurges(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.meters = meters;
    }

    public RecurringTask<Void> nightly(RetentionPurge purge) {
        return Tasks.recurring("purge-" + purge.name(), Schedules.daily(ZoneOffset.UTC, AT))
                .execute((instance, context) -> run(purge));
    }

    /** Runs a purge once now, as its task does: what is older than its retention goes; how many rows. */
    public int run(RetentionPurge purge) {
        int removed = purge.purgeBefore(clock.instant().minus(purge.retention()));
        Counter.builder("dukkan.retention.purged")
                .description("Rows deleted by the nightly retention purges")
                .tag("purge", purge.name())
                .register(meters)
                .increment(removed);
        log.info("Purged {} {} older than {}", removed, purge.name(), purge.retention());
        return removed;
    }
}

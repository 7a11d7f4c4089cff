package app.dukkan.catalog.stock;

import app.dukkan.catalog.Stock;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.platform.JobQueue;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StockTasks {

    private static final Logger log = LoggerFactory.getLogger(StockTasks.class);

    /**
     * Releases expired reservations on one instance at a time (db-scheduler picks the task with a
     * row lock). One transaction per batch of reservations.
     */
    @Bean
    RecurringTask<Void> releaseExpiredStockReservations(Stock stock, CatalogProperties properties, Clock clock) {
        return Tasks.recurring(
                        "release-expired-stock-reservations", FixedDelay.of(properties.reservationSweepInterval()))
                // reservations hold stock that shoppers wait for: ahead of default and bulk jobs
                .defaultPriority(JobQueue.CRITICAL.priority())
                .execute((instance, context) -> {
                    int total = 0;
                    int released;
                    do {
                        released = stock.releaseExpired(clock.instant());
                        total += released;
                    } while (released >= JdbcStock.SWEEP_BATCH);
                    if (total > 0) {
                        log.info("Released {} expired stock reservation(s)", total);
                    }
                });
    }
}

package app.dukkan.recommendations.sales;

import app.dukkan.orders.Purchases;
import app.dukkan.orders.Purchases.Purchase;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts the orders paid before recommendations existed (or before a shop's order history was
 * loaded in bulk), once: started by the first start, it walks the paid orders in id order, a chunk
 * per transaction, and remembers how far it got, so a restart resumes. Orders paid meanwhile are
 * counted by their events as well, which the per-order contribution makes harmless; a chunk's
 * orders are read again once their rows are locked, so a refund counted meanwhile stays counted.
 */
@Component
class SalesBackfill {

    static final JobType<Start> BACKFILL = new JobType<>(
            "recommendations-backfill", Start.class, JobQueue.BULK, RetryPolicy.exponential(8, Duration.ofSeconds(30)));

    /** @param cause what started it, for the job log */
    record Start(String cause) {}

    private static final int CHUNK = 500;
    private static final Logger log = LoggerFactory.getLogger(SalesBackfill.class);

    private final Purchases purchases;
    private final SalesCounts counts;
    private final Jobs jobs;
    private final JdbcClient jdbc;
    private final Clock clock;

    SalesBackfill(Purchases purchases, SalesCounts counts, Jobs jobs, JdbcClient jdbc, Clock clock) {
        this.purchases = purchases;
        this.counts = counts;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleUnlessDone() {
        if (!finished()) {
            jobs.schedule(BACKFILL, "all", new Start("first start"));
        }
    }

    void run(Start start) {
        long counted = 0;
        UUID after = cursor();
        for (List<Purchase> chunk = purchases.purchases(after, CHUNK);
                !chunk.isEmpty();
                chunk = purchases.purchases(after, CHUNK)) {
            counts.countAll(chunk.stream().map(Purchase::orderId).toList());
            after = chunk.get(chunk.size() - 1).orderId();
            counted += chunk.size();
            jdbc.sql("update recommendation_backfill set after_order = ?")
                    .param(after)
                    .update();
        }
        jdbc.sql("update recommendation_backfill set finished_at = ?")
                .param(Timestamp.from(clock.instant()))
                .update();
        log.info("Recommendations backfill finished: {} paid orders counted", counted);
    }

    private boolean finished() {
        return jdbc.sql("select finished_at is not null from recommendation_backfill")
                .query(Boolean.class)
                .single();
    }

    private @Nullable UUID cursor() {
        return jdbc.sql("select after_order from recommendation_backfill")
                .query(UUID.class)
                .optional()
                .orElse(null);
    }
}

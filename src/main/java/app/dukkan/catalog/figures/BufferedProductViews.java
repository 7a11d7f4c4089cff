package app.dukkan.catalog.figures;

import app.dukkan.catalog.ProductViews;
import app.dukkan.platform.FigureCounters;
import app.dukkan.platform.ShopMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts views per product and hour in memory ({@link ConcurrentHashMap#merge} per view, {@link
 * ConcurrentHashMap#remove} when writing, so no view is lost between the two) and adds them to the
 * shared counters on a timer and when the instance stops: for the shop and for each product's seller.
 */
@Component
class BufferedProductViews implements ProductViews, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BufferedProductViews.class);
    static final String VIEWS = "catalog.views";

    private record Key(UUID productId, Instant hour) {}

    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    private final FigureCounters counters;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration interval;
    private final Counter funnel;
    private @Nullable ScheduledExecutorService timer;

    BufferedProductViews(
            FigureCounters counters,
            JdbcClient jdbc,
            Clock clock,
            @Value("${dukkan.catalog.views.flush-interval:5s}") Duration interval,
            MeterRegistry meters) {
        this.counters = counters;
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = interval;
        this.funnel = ShopMeters.funnel(meters, ShopMeters.Stage.PRODUCT_VIEW);
    }

    @Override
    public void viewed(UUID productId) {
        pending.merge(new Key(productId, clock.instant().truncatedTo(ChronoUnit.HOURS)), 1L, Long::sum);
        funnel.increment();
    }

    @Override
    public synchronized void flush() {
        Map<Key, Long> taken = new java.util.HashMap<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Long views = pending.remove(key);
            if (views != null) {
                taken.merge(key, views, Long::sum);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            UUID[] ids = taken.keySet().stream().map(Key::productId).distinct().toArray(UUID[]::new);
            Map<UUID, UUID> sellers = new java.util.HashMap<>();
            jdbc.sql("select id, seller_id from products where id = any(?)")
                    .param(ids)
                    .query(rs -> {
                        sellers.put(rs.getObject("id", UUID.class), rs.getObject("seller_id", UUID.class));
                    });
            List<FigureCounters.Increment> increments = new ArrayList<>();
            taken.forEach((key, views) -> {
                increments.add(new FigureCounters.Increment(FigureCounters.SHOP, VIEWS, key.hour(), views, 0));
                UUID seller = sellers.get(key.productId());
                if (seller != null) {
                    increments.add(new FigureCounters.Increment(seller, VIEWS, key.hour(), views, 0));
                }
            });
            counters.add(increments);
        } catch (RuntimeException e) {
            // put them back for the next attempt rather than lose them
            taken.forEach((key, views) -> pending.merge(key, views, Long::sum));
            throw e;
        }
    }

    @Override
    public Map<Instant, Long> views(@Nullable UUID seller, Instant from, Instant to) {
        Map<Instant, Long> hours = new TreeMap<>();
        for (FigureCounters.Hour hour :
                counters.hours(seller == null ? FigureCounters.SHOP : seller, List.of(VIEWS), from, to)) {
            hours.put(hour.hour(), hour.count());
        }
        return hours;
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "product-views-flush");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        flush();
                    } catch (RuntimeException e) {
                        log.warn("Could not write product views; keeping them for the next attempt", e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
        timer = executor;
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not write the last product views at shutdown", e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        // stops after the web server (higher phases stop first), before the data source closes
        return 0;
    }
}

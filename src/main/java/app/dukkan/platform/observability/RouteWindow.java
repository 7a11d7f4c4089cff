package app.dukkan.platform.observability;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Requests per route over the last minutes, in bounded memory: a ring of one slot per minute, each
 * with a fixed-bucket latency histogram per route (method and route pattern), at most {@link
 * #MAX_ROUTES} routes per minute (later ones share {@link #OTHER}). Recording is a few atomic
 * increments; a minute's slot is replaced, not cleared, when the ring comes round to it again.
 */
final class RouteWindow {

    /** Far above the shop's routes, so that only a flood of unmatched routes can reach it. */
    static final int MAX_ROUTES = 500;

    static final String OTHER = "OTHER";

    /** Upper bounds of the latency buckets in milliseconds; the last bucket is everything above. */
    static final long[] BOUNDS_MS = {
        1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000
    };

    // per route: count, 5xx, 4xx, then one count per bucket (the last one unbounded)
    private static final int COUNT = 0;
    private static final int ERRORS = 1;
    private static final int CLIENT_ERRORS = 2;
    private static final int BUCKETS = 3;
    private static final int SLOTS = BUCKETS + BOUNDS_MS.length + 1;

    record Route(String method, String route) {}

    /** All requests: their count, server errors (5xx), client errors (4xx), 5xx share, p95 in ms. */
    record Figures(long count, long errors, long clientErrors, double errorRate, double p95Ms) {}

    /** The same for one method and route. */
    record RouteFigures(
            String method, String route, long count, long errors, long clientErrors, double errorRate, double p95Ms) {}

    record Snapshot(long windowSeconds, List<RouteFigures> routes, Figures totals) {}

    private record Minute(long index, Map<Route, AtomicLongArray> routes) {}

    private final Clock clock;
    private final int minutes;
    private final AtomicReferenceArray<Minute> ring;

    RouteWindow(Clock clock, Duration window) {
        this.clock = clock;
        this.minutes = (int) Math.max(1, Math.min(60, (window.toSeconds() + 59) / 60));
        this.ring = new AtomicReferenceArray<>(minutes);
    }

    long windowSeconds() {
        return minutes * 60L;
    }

    void record(String method, String route, int status, long nanos) {
        Minute minute = minute(clock.millis() / 60_000);
        AtomicLongArray figures = minute.routes().get(new Route(method, route));
        if (figures == null) {
            Route key = minute.routes().size() < MAX_ROUTES ? new Route(method, route) : new Route(method, OTHER);
            figures = minute.routes().computeIfAbsent(key, k -> new AtomicLongArray(SLOTS));
        }
        figures.incrementAndGet(COUNT);
        if (status >= 500) {
            figures.incrementAndGet(ERRORS);
        } else if (status >= 400) {
            figures.incrementAndGet(CLIENT_ERRORS);
        }
        figures.incrementAndGet(BUCKETS + bucket(TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    /** The slot of this minute, replacing what the ring held there from an earlier round. */
    private Minute minute(long index) {
        int slot = (int) (index % minutes);
        while (true) {
            Minute current = ring.get(slot);
            if (current != null && current.index() == index) {
                return current;
            }
            if (current != null && current.index() > index) {
                return current; // a clock stepped back: count the request into the newer minute
            }
            Minute fresh = new Minute(index, new ConcurrentHashMap<>());
            if (ring.compareAndSet(slot, current, fresh)) {
                return fresh;
            }
        }
    }

    private static int bucket(long millis) {
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            if (millis < BOUNDS_MS[i]) {
                return i;
            }
        }
        return BOUNDS_MS.length;
    }

    Snapshot snapshot() {
        long now = clock.millis() / 60_000;
        Map<Route, long[]> sums = new HashMap<>();
        long[] totals = new long[SLOTS];
        for (int slot = 0; slot < minutes; slot++) {
            Minute minute = ring.get(slot);
            if (minute == null || minute.index() <= now - minutes || minute.index() > now) {
                continue;
            }
            minute.routes().forEach((route, figures) -> {
                long[] sum = sums.computeIfAbsent(route, r -> new long[SLOTS]);
                for (int i = 0; i < SLOTS; i++) {
                    long value = figures.get(i);
                    sum[i] += value;
                    totals[i] += value;
                }
            });
        }
        List<RouteFigures> routes = new ArrayList<>();
        sums.forEach((route, sum) -> {
            Figures figures = figures(sum);
            routes.add(new RouteFigures(
                    route.method(),
                    route.route(),
                    figures.count(),
                    figures.errors(),
                    figures.clientErrors(),
                    figures.errorRate(),
                    figures.p95Ms()));
        });
        routes.sort(Comparator.comparingLong(RouteFigures::count)
                .reversed()
                .thenComparing(RouteFigures::route)
                .thenComparing(RouteFigures::method));
        return new Snapshot(windowSeconds(), routes, figures(totals));
    }

    private static Figures figures(long[] sum) {
        long count = sum[COUNT];
        return new Figures(
                count, sum[ERRORS], sum[CLIENT_ERRORS], count == 0 ? 0 : (double) sum[ERRORS] / count, p95(sum, count));
    }

    /** The upper bound of the bucket holding the 95th percentile (the largest bound for the last bucket). */
    private static double p95(long[] sum, long count) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(count * 0.95);
        long seen = 0;
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            seen += sum[BUCKETS + i];
            if (seen >= rank) {
                return BOUNDS_MS[i];
            }
        }
        return BOUNDS_MS[BOUNDS_MS.length - 1];
    }
}

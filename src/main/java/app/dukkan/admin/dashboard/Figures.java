package app.dukkan.admin.dashboard;

import app.dukkan.catalog.LowStock;
import app.dukkan.catalog.ProductViews;
import app.dukkan.checkout.CartFigures;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.orders.SalesFigures;
import app.dukkan.platform.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures for the signed-in operator: the whole shop for an admin, its own for a
 * seller. Everything comes from the modules' counters in the database (none from this instance's
 * memory but the product views not yet written, see {@link ProductViews}), so every instance shows
 * the same.
 */
@Component
@EnableConfigurationProperties(FiguresProperties.class)
class Figures {

    /** Whose figures: {@code seller} null for the whole shop. */
    public record Scope(@Nullable UUID seller) {

        public boolean shop() {
            return seller == null;
        }
    }

    /**
     * Totals of a window; {@code revenueMinor} = {@code paidMinor} − {@code refundedMinor}, all in
     * minor units of {@code currency}.
     */
    public record SalesSummary(
            String window,
            Instant from,
            Instant to,
            String timeZone,
            String currency,
            long orders,
            long revenueMinor,
            long paidMinor,
            long refundedMinor,
            long averageOrderMinor) {

        public Money revenue() {
            return Money.ofMinor(revenueMinor, currency);
        }

        public Money refunded() {
            return Money.ofMinor(refundedMinor, currency);
        }

        public Money averageOrder() {
            return Money.ofMinor(averageOrderMinor, currency);
        }
    }

    /** One hour (today) or day of a window: {@code start} in the shop's time zone. */
    public record SalesPoint(LocalDateTime start, Instant from, long orders, long revenueMinor) {}

    public record SalesSeries(String window, String step, String timeZone, String currency, List<SalesPoint> points) {

        public Money revenueOf(SalesPoint point) {
            return Money.ofMinor(point.revenueMinor(), currency);
        }
    }

    /** A step of the funnel; {@code percent} of the first step, null when that is 0. */
    public record FunnelStep(
            String step, long count, @Nullable Integer percent) {

        /** The length of its bar, 0 to 100. */
        public int bar() {
            return percent == null ? 0 : Math.min(100, percent);
        }
    }

    /** {@code complete} is false for a seller, whose funnel has no carts and checkouts. */
    public record Funnel(String window, boolean complete, List<FunnelStep> steps) {}

    public record Snapshot(SalesSummary summary, SalesSeries series, Funnel funnel) {}

    private final SalesFigures sales;
    private final ProductViews views;
    private final CartFigures carts;
    private final LowStock lowStock;
    private final CurrentUser currentUser;
    private final FiguresProperties properties;
    private final String currency;
    private final Clock clock;

    Figures(
            SalesFigures sales,
            ProductViews views,
            CartFigures carts,
            LowStock lowStock,
            CurrentUser currentUser,
            FiguresProperties properties,
            @Value("${dukkan.catalog.currency:EUR}") String currency,
            Clock clock) {
        this.sales = sales;
        this.views = views;
        this.carts = carts;
        this.lowStock = lowStock;
        this.currentUser = currentUser;
        this.properties = properties;
        this.currency = currency;
        this.clock = clock;
    }

    /** The signed-in operator's scope: admins see the shop, anyone else (a seller) itself. */
    Scope scope() {
        AuthenticatedUser user = currentUser.get().orElseThrow();
        return new Scope(user.isAdmin() ? null : user.id().value());
    }

    ZoneId zone() {
        return properties.timeZone();
    }

    int threshold() {
        return properties.lowStockThreshold();
    }

    Snapshot snapshot(Scope scope, Window window) {
        return snapshot(scope, window, clock.instant());
    }

    Snapshot snapshot(Scope scope, Window window, Instant now) {
        ZoneId zone = zone();
        Instant from = window.from(now, zone);
        Instant to = window.to(now, zone);
        List<SalesFigures.Hour> hours = sales.hours(scope.seller(), from, to);

        List<SalesPoint> points = new ArrayList<>();
        long[] orders;
        long[] revenue;
        if (window.hourly()) {
            for (Instant hour = from; hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
                points.add(new SalesPoint(LocalDateTime.ofInstant(hour, zone), hour, 0, 0));
            }
        } else {
            LocalDate first = from.atZone(zone).toLocalDate();
            for (int day = 0; day < window.days(); day++) {
                LocalDate date = first.plusDays(day);
                points.add(new SalesPoint(
                        date.atStartOfDay(), date.atStartOfDay(zone).toInstant(), 0, 0));
            }
        }
        orders = new long[points.size()];
        revenue = new long[points.size()];
        long ordered = 0;
        long paid = 0;
        long refunded = 0;
        long checkouts = 0;
        for (SalesFigures.Hour hour : hours) {
            int index = index(window, from, hour.hour(), zone);
            if (index >= 0 && index < points.size()) {
                orders[index] += hour.orders();
                revenue[index] += hour.paidMinor() - hour.refundedMinor();
            }
            ordered += hour.orders();
            paid += hour.paidMinor();
            refunded += hour.refundedMinor();
            checkouts += hour.checkouts();
        }
        for (int i = 0; i < points.size(); i++) {
            SalesPoint point = points.get(i);
            points.set(i, new SalesPoint(point.start(), point.from(), orders[i], revenue[i]));
        }
        SalesSummary summary = new SalesSummary(
                window.code(),
                from,
                to,
                zone.getId(),
                currency,
                ordered,
                paid - refunded,
                paid,
                refunded,
                ordered == 0 ? 0 : paid / ordered);
        SalesSeries series =
                new SalesSeries(window.code(), window.hourly() ? "hour" : "day", zone.getId(), currency, points);

        long viewed = sum(views.views(scope.seller(), from, to));
        List<FunnelStep> steps = new ArrayList<>();
        steps.add(step("views", viewed, viewed));
        if (scope.shop()) {
            steps.add(step("carts", sum(carts.cartsCreated(from, to)), viewed));
            steps.add(step("checkouts", checkouts, viewed));
        }
        steps.add(step("orders", ordered, viewed));
        return new Snapshot(summary, series, new Funnel(window.code(), scope.shop(), steps));
    }

    LowStock.LowVariants lowStock(Scope scope, int page, int size) {
        return lowStock.page(scope.seller(), threshold(), page, size);
    }

    List<SalesFigures.LatestOrder> latest(Scope scope, int limit) {
        return sales.latest(scope.seller(), limit);
    }

    private static int index(Window window, Instant from, Instant hour, ZoneId zone) {
        if (window.hourly()) {
            return (int) Duration.between(from, hour).toHours();
        }
        return (int) ChronoUnit.DAYS.between(
                from.atZone(zone).toLocalDate(), hour.atZone(zone).toLocalDate());
    }

    private static long sum(Map<Instant, Long> hours) {
        return hours.values().stream().mapToLong(Long::longValue).sum();
    }

    private static FunnelStep step(String name, long count, long first) {
        return new FunnelStep(name, count, first == 0 ? null : (int) Math.round(100.0 * count / first));
    }
}

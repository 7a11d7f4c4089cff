package app.dukkan.admin.dashboard;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * The geometry of the dashboard's chart, drawn by the template as SVG: a bar per point for its
 * orders (scale on the start side) and a line through the points for the revenue (scale on the end
 * side). Right to left, the time axis runs from the right and the scales swap sides.
 */
public record Chart(
        int width,
        int height,
        List<Bar> bars,
        String line,
        List<Dot> dots,
        List<Tick> ticks,
        List<Label> labels,
        List<String> names,
        int plotStart,
        int plotEnd,
        int plotTop,
        int plotBottom,
        int orderAxisX,
        int revenueAxisX,
        String orderAxisAnchor,
        String revenueAxisAnchor) {

    static final int WIDTH = 720;
    static final int HEIGHT = 300;
    private static final int TOP = 20;
    private static final int BOTTOM = 36;
    private static final int SIDE = 76;

    /** An orders bar; {@code label} names the point and its figures for a tooltip. */
    public record Bar(double x, double y, double width, double height, String label) {}

    public record Dot(double x, double y) {}

    /** A horizontal grid line at {@code y} with the orders and revenue it stands for. */
    public record Tick(double y, String orders, String revenue) {}

    /** A label of the time axis under the point at {@code x}. */
    public record Label(double x, String text) {}

    static Chart of(Figures.SalesSeries series, boolean rtl, Locale locale, LongFunction<String> money) {
        List<Figures.SalesPoint> points = series.points();
        int n = Math.max(1, points.size());
        int plotWidth = WIDTH - 2 * SIDE;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        long maxOrders =
                nice(points.stream().mapToLong(Figures.SalesPoint::orders).max().orElse(0));
        long maxRevenue = nice(points.stream()
                .mapToLong(Figures.SalesPoint::revenueMinor)
                .max()
                .orElse(0));
        long minRevenue = Math.min(
                0,
                points.stream()
                        .mapToLong(Figures.SalesPoint::revenueMinor)
                        .min()
                        .orElse(0));
        double slot = (double) plotWidth / n;
        double barWidth = Math.max(2, slot * 0.6);
        int bottom = TOP + plotHeight;

        List<Bar> bars = new ArrayList<>();
        List<Dot> dots = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        List<Label> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        DateTimeFormatter hourly =
                DateTimeFormatter.ofPattern("HH:mm", locale).withDecimalStyle(DecimalStyle.of(locale));
        DateTimeFormatter daily =
                DateTimeFormatter.ofPattern("d MMM", locale).withDecimalStyle(DecimalStyle.of(locale));
        NumberFormat counts = NumberFormat.getIntegerInstance(locale);
        boolean byHour = series.step().equals("hour");
        int every = byHour ? 3 : points.size() > 10 ? 5 : 1;
        for (int i = 0; i < points.size(); i++) {
            Figures.SalesPoint point = points.get(i);
            double center = x(SIDE + slot * i + slot / 2, rtl);
            double barHeight = (double) plotHeight * point.orders() / maxOrders;
            String when = (byHour ? hourly : daily).format(point.start());
            names.add(when);
            bars.add(new Bar(
                    round(center - barWidth / 2),
                    round(bottom - barHeight),
                    round(barWidth),
                    round(barHeight),
                    when + ": " + counts.format(point.orders()) + ", " + money.apply(point.revenueMinor())));
            double y = bottom - (double) plotHeight * (point.revenueMinor() - minRevenue) / (maxRevenue - minRevenue);
            dots.add(new Dot(round(center), round(y)));
            line.append(i == 0 ? "M" : " L").append(round(center)).append(',').append(round(y));
            if (i % every == 0) {
                labels.add(new Label(round(center), when));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (int step = 0; step <= 4; step++) {
            double y = round(bottom - (double) plotHeight * step / 4);
            ticks.add(new Tick(
                    y,
                    counts.format(maxOrders * step / 4),
                    money.apply(minRevenue + (maxRevenue - minRevenue) * step / 4)));
        }
        int start = SIDE - 8;
        int end = WIDTH - SIDE + 8;
        return new Chart(
                WIDTH,
                HEIGHT,
                bars,
                line.toString(),
                dots,
                ticks,
                labels,
                names,
                SIDE,
                WIDTH - SIDE,
                TOP,
                bottom,
                rtl ? end : start,
                rtl ? start : end,
                "end",
                "start");
    }

    /** The name of the point at {@code index} (its hour or day), for the table under the chart. */
    public String labelOf(int index) {
        return names.get(index);
    }

    private static double x(double fromStart, boolean rtl) {
        return rtl ? WIDTH - fromStart : fromStart;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** A round upper bound of the scale (1, 2, 2.5, 5 × 10ⁿ), at least 4 so quarters stay whole. */
    static long nice(long max) {
        if (max <= 4) {
            return 4;
        }
        long magnitude = 1;
        while (magnitude * 10 <= max) {
            magnitude *= 10;
        }
        for (long factor : new long[] {1, 2, 5, 10}) {
            if (factor * magnitude >= max && (factor * magnitude) % 4 == 0) {
                return factor * magnitude;
            }
        }
        return 20 * magnitude;
    }
}

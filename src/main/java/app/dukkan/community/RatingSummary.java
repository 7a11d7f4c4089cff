package app.dukkan.community;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A product's rating from its visible reviews.
 *
 * @param average one decimal, 1.0 to 5.0; null without reviews
 * @param count visible reviews
 * @param distribution five bars, 5 stars first
 */
public record RatingSummary(@Nullable BigDecimal average, int count, List<Bar> distribution) {

    /**
     * @param percent of all reviews, rounded down, so the bars never add up to more than 100
     */
    public record Bar(int stars, int count, int percent) {}

    /** The summary of reviews counted by stars: {@code counts[0]} one star, … {@code counts[4]} five. */
    public static RatingSummary of(int[] counts) {
        int count = 0;
        long sum = 0;
        for (int i = 0; i < 5; i++) {
            count += counts[i];
            sum += (long) (i + 1) * counts[i];
        }
        List<Bar> bars = new ArrayList<>();
        for (int stars = 5; stars >= 1; stars--) {
            int n = counts[stars - 1];
            bars.add(new Bar(stars, n, count == 0 ? 0 : (int) (100L * n / count)));
        }
        BigDecimal average =
                count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
        return new RatingSummary(average, count, List.copyOf(bars));
    }

    public static final RatingSummary NONE = of(new int[5]);

    public boolean none() {
        return count == 0;
    }

    /** Whole stars to draw filled: the average rounded to the nearest star. */
    public int fullStars() {
        return average == null ? 0 : average.setScale(0, RoundingMode.HALF_UP).intValue();
    }
}

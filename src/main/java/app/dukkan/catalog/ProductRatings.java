package app.dukkan.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The catalog's rating of each product, which listings filter and sort by and product details show;
 * the figures themselves come from the community's reviews, which report every change here.
 */
public interface ProductRatings {

    /**
     * A product's rating as the catalog shows it.
     *
     * @param average of the visible reviews' stars, one decimal; null when there are none
     * @param count visible reviews
     */
    record Rating(@Nullable BigDecimal average, int count) {

        public static final Rating NONE = new Rating(null, 0);

        /** Whole stars to draw filled: the average rounded to the nearest star. */
        public int fullStars() {
            return average == null
                    ? 0
                    : average.setScale(0, RoundingMode.HALF_UP).intValue();
        }
    }

    /**
     * Records the product's rating; call inside the transaction that changed its reviews. Product
     * details and listings follow once it commits, on every instance. An unknown product is ignored.
     *
     * @param average one decimal, 1.0 to 5.0; ignored when {@code count} is 0
     */
    void record(UUID productId, @Nullable BigDecimal average, int count);
}

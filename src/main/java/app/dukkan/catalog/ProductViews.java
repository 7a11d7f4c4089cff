package app.dukkan.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Views of product pages, the funnel's first step (ADR 0028). A view is counted in the instance's
 * memory and written to the shared counters every few seconds ({@code
 * dukkan.catalog.views.flush-interval}, 5 s) and when the instance stops, so a page view costs no
 * database write; reads see every instance's views with at most that delay.
 */
public interface ProductViews {

    /** Counts one view of the product's page now. */
    void viewed(UUID productId);

    /** Writes the views this instance counted so far; a read after it sees them. */
    void flush();

    /**
     * Views per UTC hour starting from {@code from} (inclusive) to {@code to} (exclusive) of the shop's products ({@code
     * seller} null) or of a seller's; hours without views are absent.
     */
    Map<Instant, Long> views(@Nullable UUID seller, Instant from, Instant to);
}

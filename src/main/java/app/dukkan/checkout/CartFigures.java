package app.dukkan.checkout;

import java.time.Instant;
import java.util.Map;

/** Carts created, counted when they were (ADR 0028): the funnel's second step. */
public interface CartFigures {

    /** Carts created per UTC hour starting from {@code from} (inclusive) to {@code to} (exclusive); hours without any are absent. */
    Map<Instant, Long> cartsCreated(Instant from, Instant to);
}

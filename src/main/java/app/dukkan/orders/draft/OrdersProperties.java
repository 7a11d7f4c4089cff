package app.dukkan.orders.draft;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Order settings. {@code reservationTtl}: how long a started payment holds the draft's stock.
 */
@ConfigurationProperties("dukkan.orders")
record OrdersProperties(Duration reservationTtl) {

    public OrdersProperties {
        if (reservationTtl == null) {
            reservationTtl = Duration.ofMinutes(10);
        }
        if (reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new IllegalArgumentException("dukkan.orders.reservation-ttl must be positive");
        }
    }
}

package app.dukkan.orders.draft;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Order settings. {@code reservationTtl}: how long a started payment holds the draft's stock and
 * coupon use; {@code holdsPerDraft}: how many holds one draft may take per {@code holdsPerDraftWindow};
 * {@code holdsPerClient}: how many holds one client address may have running at once; {@code
 * couponsPerClient}: how many drafts naming a coupon code one client address may send per {@code
 * couponsWindow} (codes and past customers are not to be found by trying).
 */
@ConfigurationProperties("dukkan.orders")
record OrdersProperties(
        Duration reservationTtl,
        Integer holdsPerDraft,
        Duration holdsPerDraftWindow,
        Integer holdsPerClient,
        Integer couponsPerClient,
        Duration couponsWindow) {

    public OrdersProperties {
        if (reservationTtl == null) {
            reservationTtl = Duration.ofMinutes(10);
        }
        if (reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new IllegalArgumentException("dukkan.orders.reservation-ttl must be positive");
        }
        if (holdsPerDraft == null) {
            holdsPerDraft = 5;
        }
        if (holdsPerDraftWindow == null) {
            holdsPerDraftWindow = Duration.ofHours(24);
        }
        if (holdsPerClient == null) {
            holdsPerClient = 5;
        }
        if (couponsPerClient == null) {
            couponsPerClient = 30;
        }
        if (couponsWindow == null) {
            couponsWindow = Duration.ofMinutes(10);
        }
        if (couponsPerClient < 1 || couponsWindow.isNegative() || couponsWindow.isZero()) {
            throw new IllegalArgumentException("dukkan.orders.coupons-per-client and coupons-window must be positive");
        }
        if (holdsPerDraft < 1 || holdsPerClient < 1) {
            throw new IllegalArgumentException("dukkan.orders.holds-per-draft and holds-per-client must be at least 1");
        }
        if (holdsPerDraftWindow.isNegative() || holdsPerDraftWindow.isZero()) {
            throw new IllegalArgumentException("dukkan.orders.holds-per-draft-window must be positive");
        }
    }
}

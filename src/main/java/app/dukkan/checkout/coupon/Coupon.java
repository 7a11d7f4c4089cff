package app.dukkan.checkout.coupon;

import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A discount code: a percentage of the subtotal or a fixed amount, usable from {@code startsAt}
 * until {@code endsAt}, at most {@code usageCap} times in total and, if {@code oncePerCustomer},
 * once per customer, on a subtotal of at least {@code minSubtotal}.
 */
public record Coupon(
        UUID id,
        String code,
        Kind kind,
        @Nullable Integer percent,
        @Nullable Money amount,
        Money minSubtotal,
        Instant startsAt,
        @Nullable Instant endsAt,
        @Nullable Integer usageCap,
        int usedCount,
        boolean oncePerCustomer,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    public enum Kind {
        PERCENT,
        FIXED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The field every coupon problem names. */
    public static final String FIELD = "coupon_code";

    /**
     * Refuses the coupon for this basket with a 400 problem of a stable type naming
     * {@code coupon_code}; checks in the order a customer can act on.
     */
    public void checkApplicable(Instant now, Money subtotal, boolean usedByCustomer) {
        if (!active) {
            throw problem("coupon-inactive", "Coupon inactive", "is no longer valid");
        }
        if (now.isBefore(startsAt)) {
            throw problem("coupon-not-yet-valid", "Coupon not yet valid", "is valid from " + startsAt);
        }
        if (endsAt != null && !now.isBefore(endsAt)) {
            throw problem("coupon-expired", "Coupon expired", "expired at " + endsAt);
        }
        if (usageCap != null && usedCount >= usageCap) {
            throw problem("coupon-used-up", "Coupon used up", "has been used as often as it may be");
        }
        if (oncePerCustomer && usedByCustomer) {
            throw problem("coupon-already-used", "Coupon already used", "may be used once per customer");
        }
        if (subtotal.compareTo(minSubtotal) < 0) {
            throw problem(
                    "coupon-minimum-not-met",
                    "Subtotal below the coupon's minimum",
                    "needs a subtotal of at least " + minSubtotal);
        }
    }

    /** Whether the coupon is switched on and within its period at this time. */
    public boolean usableAt(Instant now) {
        return active && !now.isBefore(startsAt) && (endsAt == null || now.isBefore(endsAt));
    }

    /** The discount on the subtotal: never more than the subtotal; percentages rounded half up. */
    public Money discountOn(Money subtotal) {
        long minor = kind == Kind.PERCENT
                ? BigDecimal.valueOf(subtotal.minor())
                        .multiply(BigDecimal.valueOf(percent == null ? 0 : percent))
                        .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
                        .longValueExact()
                : amount == null ? 0 : amount.minor();
        return Money.ofMinor(Math.min(minor, subtotal.minor()), subtotal.currency());
    }

    public static ProblemException unknown(String code) {
        return problem("coupon-unknown", "Unknown coupon", "'" + code + "' is not a coupon of this shop");
    }

    private static ProblemException problem(String type, String title, String message) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                type,
                title,
                FIELD + ": " + message,
                List.of(new ProblemException.FieldProblem(FIELD, message)));
    }
}

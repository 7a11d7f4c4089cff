package app.dukkan.checkout;

import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Operators' management of discount codes, for the admin API and the console pages alike. Every
 * change is written to the audit log in its transaction ({@code coupon.created}, {@code
 * coupon.updated}, {@code coupon.deactivated}, target type {@code coupon}, the code as target id).
 * Refusals are problems naming the field: 400 for a rule ({@code code}, {@code kind}, {@code
 * percent}, {@code amount…}, {@code min_subtotal…}, {@code ends_at}, {@code usage_cap}), 409 naming
 * {@code code} for a code that exists (ignoring case), 404 for an unknown code.
 */
public interface CouponAdministration {

    /** The largest page. */
    int MAX_PAGE_SIZE = 100;

    /** The last page number a query may ask for (pages count from 0). */
    int MAX_PAGE = 10_000;

    /** A coupon with its use: {@code usedCount} paid orders counted it. */
    record CouponDetails(
            UUID id,
            String code,
            String kind,
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

        /** Whether it applies at {@code now}: active, inside its window and not used up. */
        public boolean validAt(Instant now) {
            return active
                    && !now.isBefore(startsAt)
                    && (endsAt == null || now.isBefore(endsAt))
                    && (usageCap == null || usedCount < usageCap);
        }
    }

    /**
     * A new coupon: {@code kind} {@code percent} (with {@code percent}, 1 to 100) or {@code fixed}
     * (with a positive {@code amount} in the shop's currency); codes are 3 to 32 letters, digits,
     * '-' or '_', stored in upper case. {@code startsAt} defaults to now, {@code active} to true.
     */
    record NewCoupon(
            String code,
            String kind,
            @Nullable Integer percent,
            @Nullable Money amount,
            @Nullable Money minSubtotal,
            @Nullable Instant startsAt,
            @Nullable Instant endsAt,
            @Nullable Integer usageCap,
            @Nullable Boolean oncePerCustomer,
            @Nullable Boolean active) {}

    /** A change: absent (null) fields stay as they are. */
    record CouponChange(
            @Nullable Boolean active,
            @Nullable Instant endsAt,
            @Nullable Integer usageCap) {}

    /** The order of a page of coupons. */
    enum CouponSort {
        NEWEST,
        CODE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static CouponSort fromCode(@Nullable String code) {
            return "code".equals(code) ? CODE : NEWEST;
        }
    }

    record CouponPage(List<CouponDetails> items, int page, int size, long total) {}

    /** A paid order that used the coupon; {@code customerKey} is its normalised email. */
    record Use(UUID orderId, String customerKey, Instant redeemedAt) {}

    record UsePage(List<Use> items, int page, int size, long total) {}

    /** The shop's currency, the only one of amounts. */
    String currency();

    /** A page of coupons; 400 naming {@code page} or {@code size} outside their ranges. */
    CouponPage list(CouponSort sort, int page, int size);

    /** The coupon with this code, ignoring case. */
    Optional<CouponDetails> find(String code);

    CouponDetails create(NewCoupon coupon);

    /**
     * Changes a coupon; audited as {@code coupon.deactivated} when it switches an active coupon off,
     * otherwise as {@code coupon.updated}. {@code reason} is optional.
     */
    CouponDetails change(String code, CouponChange change, @Nullable String reason);

    /** The paid orders that used the coupon, latest first; 404 for an unknown code. */
    UsePage uses(String code, int page, int size);
}

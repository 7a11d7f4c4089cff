package app.dukkan.admin.coupons;

import app.dukkan.admin.web.ConsoleTime;
import app.dukkan.checkout.CouponAdministration.CouponDetails;
import app.dukkan.checkout.CouponAdministration.NewCoupon;
import app.dukkan.platform.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A coupon's form as typed: every field a string, so that what an operator typed comes back with
 * its error. Times are UTC, as everywhere in the console ({@code datetime-local} inputs).
 */
record CouponForm(
        @Nullable String code,
        @Nullable String kind,
        @Nullable String percent,
        @Nullable String amount,
        @Nullable String minSubtotal,
        @Nullable String startsAt,
        @Nullable String endsAt,
        @Nullable String usageCap,
        @Nullable Boolean oncePerCustomer,
        @Nullable Boolean active) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    static CouponForm empty() {
        return new CouponForm("", "percent", "", "", "", "", "", "", false, true);
    }

    /** The edit form of a coupon: its end and its cap. */
    static CouponForm of(CouponDetails coupon) {
        return new CouponForm(
                coupon.code(),
                coupon.kind(),
                coupon.percent() == null ? "" : coupon.percent().toString(),
                coupon.amount() == null ? "" : coupon.amount().amount().toPlainString(),
                coupon.minSubtotal().amount().toPlainString(),
                local(coupon.startsAt()),
                coupon.endsAt() == null ? "" : local(coupon.endsAt()),
                coupon.usageCap() == null ? "" : coupon.usageCap().toString(),
                coupon.oncePerCustomer(),
                coupon.active());
    }

    static String local(Instant instant) {
        return LOCAL.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The new coupon this form describes; fields that do not parse are put in {@code errors}. */
    NewCoupon toNewCoupon(String currency, Map<String, String> errors) {
        return new NewCoupon(
                text(code),
                text(kind),
                "percent".equals(kind) ? integer(percent, "percent", errors) : null,
                "fixed".equals(kind) ? money(amount, "amount", currency, errors) : null,
                money(minSubtotal, "minSubtotal", currency, errors),
                instant(startsAt, "startsAt", errors),
                instant(endsAt, "endsAt", errors),
                integer(usageCap, "usageCap", errors),
                Boolean.TRUE.equals(oncePerCustomer),
                Boolean.TRUE.equals(active));
    }

    static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    static @Nullable Integer integer(@Nullable String value, String field, Map<String, String> errors) {
        String text = text(value);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            errors.put(field, "console.people.coupons.error.whole-number");
            return null;
        }
    }

    static @Nullable Money money(@Nullable String value, String field, String currency, Map<String, String> errors) {
        String text = text(value).replace(',', '.');
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() > 20) {
                throw new NumberFormatException();
            }
            return Money.of(new BigDecimal(text), currency);
        } catch (IllegalArgumentException e) {
            errors.put(field, "console.people.coupons.error.money");
            return null;
        }
    }

    static @Nullable Instant instant(@Nullable String value, String field, Map<String, String> errors) {
        String text = text(value);
        if (text.isEmpty()) {
            return null;
        }
        try {
            LocalDateTime time = LocalDateTime.parse(text);
            if (!ConsoleTime.plausible(time.toLocalDate())) {
                errors.put(field, "console.people.coupons.error.time");
                return null;
            }
            return time.toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.put(field, "console.people.coupons.error.time");
            return null;
        }
    }
}

package app.dukkan.checkout.coupon;

import app.dukkan.checkout.Coupons;
import app.dukkan.checkout.config.ShopCurrency;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coupon administration and redemption. Pricing checks a coupon against paid orders; a payment start
 * reserves a use under the coupon's row lock, counting paid orders and the running reservations of
 * others, so the usage cap and once-per-customer hold; a paid order counts its use even past the cap
 * (the customer has already paid that price).
 */
@Service
class CouponService implements Coupons {

    private static final Logger log = LoggerFactory.getLogger(CouponService.class);
    static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$");

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

    record CouponChange(
            @Nullable Boolean active,
            @Nullable Instant endsAt,
            @Nullable Integer usageCap) {}

    private final CouponRepository repository;
    private final ShopCurrency currency;
    private final Clock clock;

    CouponService(CouponRepository repository, ShopCurrency currency, Clock clock) {
        this.repository = repository;
        this.currency = currency;
        this.clock = clock;
    }

    @Transactional
    Coupon create(NewCoupon request) {
        if (!CODE.matcher(request.code()).matches()) {
            throw ProblemException.invalid(
                    "code", "3 to 32 letters, digits, '-' or '_', starting with a letter or digit");
        }
        Coupon.Kind kind;
        try {
            kind = Coupon.Kind.valueOf(request.kind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be percent or fixed");
        }
        Integer percent = null;
        Money amount = null;
        if (kind == Coupon.Kind.PERCENT) {
            if (request.percent() == null) {
                throw ProblemException.invalid("percent", "is required for a percent coupon");
            }
            if (request.percent() < 1 || request.percent() > 100) {
                throw ProblemException.invalid("percent", "must be between 1 and 100");
            }
            if (request.amount() != null) {
                throw ProblemException.invalid("amount", "is only for fixed coupons");
            }
            percent = request.percent();
        } else {
            if (request.amount() == null) {
                throw ProblemException.invalid("amount", "is required for a fixed coupon");
            }
            if (request.percent() != null) {
                throw ProblemException.invalid("percent", "is only for percent coupons");
            }
            amount = shopMoney("amount", request.amount());
            if (amount.minor() <= 0) {
                throw ProblemException.invalid("amount.amount", "must be positive");
            }
        }
        Money minSubtotal = request.minSubtotal() == null
                ? Money.ofMinor(0, currency.code())
                : shopMoney("min_subtotal", request.minSubtotal());
        if (minSubtotal.minor() < 0) {
            throw ProblemException.invalid("min_subtotal.amount", "must not be negative");
        }
        Instant now = clock.instant();
        Instant startsAt = request.startsAt() == null ? now : request.startsAt();
        if (request.endsAt() != null && !request.endsAt().isAfter(startsAt)) {
            throw ProblemException.invalid("ends_at", "must be after starts_at");
        }
        if (request.usageCap() != null && request.usageCap() < 1) {
            throw ProblemException.invalid("usage_cap", "must be at least 1");
        }
        Coupon coupon = new Coupon(
                Ids.newId(clock),
                request.code().toUpperCase(Locale.ROOT),
                kind,
                percent,
                amount,
                minSubtotal,
                startsAt,
                request.endsAt(),
                request.usageCap(),
                0,
                Boolean.TRUE.equals(request.oncePerCustomer()),
                request.active() == null || request.active(),
                now,
                now);
        if (!repository.insert(coupon)) {
            throw ProblemException.conflict("code", "coupon '" + coupon.code() + "' already exists");
        }
        return coupon;
    }

    Coupon get(String code) {
        return repository.find(code).orElseThrow(() -> ProblemException.notFound("coupon", code));
    }

    @Transactional
    Coupon change(String code, CouponChange change) {
        Coupon c = repository.lock(code).orElseThrow(() -> ProblemException.notFound("coupon", code));
        if (change.endsAt() != null && !change.endsAt().isAfter(c.startsAt())) {
            throw ProblemException.invalid("ends_at", "must be after starts_at (" + c.startsAt() + ")");
        }
        if (change.usageCap() != null && change.usageCap() < 1) {
            throw ProblemException.invalid("usage_cap", "must be at least 1");
        }
        Coupon updated = new Coupon(
                c.id(),
                c.code(),
                c.kind(),
                c.percent(),
                c.amount(),
                c.minSubtotal(),
                c.startsAt(),
                change.endsAt() != null ? change.endsAt() : c.endsAt(),
                change.usageCap() != null ? change.usageCap() : c.usageCap(),
                c.usedCount(),
                c.oncePerCustomer(),
                change.active() != null ? change.active() : c.active(),
                c.createdAt(),
                clock.instant());
        repository.update(updated);
        return updated;
    }

    @Override
    @Transactional
    public void hold(String code, UUID orderId, String customerKey, Instant expiresAt) {
        Coupon coupon = repository.lock(code).orElseThrow(() -> unavailable("is not a coupon of this shop any more"));
        Instant now = clock.instant();
        if (coupon.usageCap() != null
                && coupon.usedCount() + repository.heldByOthers(coupon.id(), orderId, now) >= coupon.usageCap()) {
            throw unavailable("every use is taken by paid orders or payments in progress;"
                    + " remove the coupon (coupon_code \"\") or try again later");
        }
        if (coupon.oncePerCustomer()
                && (repository.usedBy(coupon.id(), customerKey)
                        || repository.heldForCustomer(coupon.id(), customerKey, orderId, now))) {
            throw unavailable("may be used once per customer, and this email address has used it"
                    + " or is paying with it; remove the coupon (coupon_code \"\")");
        }
        repository.hold(coupon.id(), orderId, customerKey, expiresAt, now);
    }

    @Override
    @Transactional
    public void release(UUID orderId) {
        repository.release(orderId);
    }

    /**
     * Joins the paying transaction and never fails it: an unknown code (deleted meanwhile, or a
     * caller's mistake) is logged and skipped.
     */
    @Override
    @Transactional
    public void redeem(String code, UUID orderId, String customerKey) {
        String reservedFor = repository.release(orderId).orElse(customerKey);
        var coupon = repository.find(code);
        if (coupon.isEmpty()) {
            log.warn("Order {} was paid with coupon '{}', which does not exist; not counted", orderId, code);
            return;
        }
        repository.redeem(coupon.get().id(), orderId, reservedFor, clock.instant());
    }

    private static ProblemException unavailable(String message) {
        return new ProblemException(
                HttpStatus.CONFLICT,
                "coupon-unavailable",
                "Coupon unavailable",
                Coupon.FIELD + ": " + message,
                List.of(new ProblemException.FieldProblem(Coupon.FIELD, message)));
    }

    private Money shopMoney(String field, Money money) {
        if (!money.currency().equals(currency.code())) {
            throw ProblemException.invalid(field + ".currency", "must be " + currency.code() + ", the shop's currency");
        }
        if (money.amount().compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
            throw ProblemException.invalid(field + ".amount", "must be at most 10000000");
        }
        return money;
    }
}

package app.dukkan.checkout.coupon;

import app.dukkan.checkout.CouponAdministration;
import app.dukkan.checkout.Coupons;
import app.dukkan.checkout.config.ShopCurrency;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * others, so the usage cap and once-per-customer hold; a payment arriving after its reservation
 * expired counts only within them (else the order is refunded, like one whose stock ran out).
 */
@Service
class CouponService implements Coupons, CouponAdministration {

    private static final Logger log = LoggerFactory.getLogger(CouponService.class);
    static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$");

    private final CouponRepository repository;
    private final ShopCurrency currency;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    CouponService(
            CouponRepository repository, ShopCurrency currency, CurrentUser currentUser, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.currency = currency;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String currency() {
        return currency.code();
    }

    @Override
    @Transactional(readOnly = true)
    public CouponPage list(CouponSort sort, int page, int size) {
        requireAdmin();
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return new CouponPage(
                repository.page(sort, page, size).stream()
                        .map(CouponService::details)
                        .toList(),
                page,
                size,
                repository.count());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CouponDetails> find(String code) {
        requireAdmin();
        return repository.find(code).map(CouponService::details);
    }

    @Override
    @Transactional
    public CouponDetails create(NewCoupon coupon) {
        requireAdmin();
        Coupon created = insert(coupon);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", created.kind().code());
        details.put("discount", created.kind() == Coupon.Kind.PERCENT ? created.percent() + "%" : created.amount());
        if (created.usageCap() != null) {
            details.put("usage_cap", created.usageCap());
        }
        if (created.endsAt() != null) {
            details.put("ends_at", created.endsAt());
        }
        details.put("once_per_customer", created.oncePerCustomer());
        details.put("active", created.active());
        audit.record("coupon.created", "coupon", created.code(), null, details);
        return details(created);
    }

    @Override
    @Transactional
    public CouponDetails change(String code, CouponChange change, @Nullable String reason) {
        requireAdmin();
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw ProblemException.invalid("reason", "must be at most 500 characters");
        }
        Coupon before = repository.lock(code).orElseThrow(() -> ProblemException.notFound("coupon", code));
        Coupon after = update(before, change);
        Map<String, Object> details = new LinkedHashMap<>();
        {
            if (before.active() != after.active()) {
                details.put("active", after.active());
            }
            if (!java.util.Objects.equals(before.endsAt(), after.endsAt())) {
                details.put(
                        "ends_at", after.endsAt() == null ? "" : after.endsAt().toString());
            }
            if (!java.util.Objects.equals(before.usageCap(), after.usageCap())) {
                details.put("usage_cap", after.usageCap() == null ? "" : after.usageCap());
            }
        }
        boolean deactivated = before.active() && !after.active();
        audit.record(deactivated ? "coupon.deactivated" : "coupon.updated", "coupon", after.code(), why, details);
        return details(after);
    }

    @Override
    @Transactional(readOnly = true)
    public UsePage uses(String code, int page, int size) {
        requireAdmin();
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Coupon coupon = repository.find(code).orElseThrow(() -> ProblemException.notFound("coupon", code));
        return new UsePage(repository.uses(coupon.id(), page, size), page, size, repository.countUses(coupon.id()));
    }

    private void requireAdmin() {
        if (!currentUser.require().isAdmin()) {
            throw ProblemException.forbidden("Only admins manage coupons");
        }
    }

    static CouponDetails details(Coupon c) {
        return new CouponDetails(
                c.id(),
                c.code(),
                c.kind().code(),
                c.percent(),
                c.amount(),
                c.minSubtotal(),
                c.startsAt(),
                c.endsAt(),
                c.usageCap(),
                c.usedCount(),
                c.oncePerCustomer(),
                c.active(),
                c.createdAt(),
                c.updatedAt());
    }

    private Coupon insert(NewCoupon request) {
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

    private Coupon update(Coupon c, CouponChange change) {
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
        if (usedUp(coupon, orderId, now)) {
            throw unavailable("every use is taken by paid orders or payments in progress;"
                    + " remove the coupon (coupon_code \"\") or try again later");
        }
        if (usedByCustomer(coupon, customerKey, orderId, now)) {
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

    @Override
    @Transactional
    public void giveBack(UUID orderId) {
        repository.release(orderId);
        repository.unredeem(orderId, clock.instant());
    }

    /**
     * Joins the paying transaction and never fails it: an unknown code (deleted meanwhile, or a
     * caller's mistake) is logged and skipped.
     */
    @Override
    @Transactional
    public boolean redeem(String code, UUID orderId, String customerKey) {
        Instant now = clock.instant();
        Optional<CouponRepository.Hold> hold = repository.release(orderId);
        String reservedFor = hold.map(CouponRepository.Hold::customerKey).orElse(customerKey);
        Optional<Coupon> found = repository.lock(code);
        if (found.isEmpty()) {
            log.warn("Order {} was paid with coupon '{}', which does not exist; not counted", orderId, code);
            return true;
        }
        Coupon coupon = found.get();
        if (repository.redeemed(orderId)) {
            return true;
        }
        boolean reserved = hold.isPresent() && hold.get().expiresAt().isAfter(now);
        if (!reserved
                && (!coupon.usableAt(now)
                        || usedUp(coupon, orderId, now)
                        || usedByCustomer(coupon, reservedFor, orderId, now))) {
            log.warn(
                    "Order {} was paid after its reservation of coupon {} expired, and the coupon can no longer be"
                            + " used (ended, switched off or used up)",
                    orderId,
                    coupon.code());
            return false;
        }
        repository.redeem(coupon.id(), orderId, reservedFor, now);
        return true;
    }

    /** Whether paid orders and others' running reservations take every use the cap allows. */
    private boolean usedUp(Coupon coupon, UUID orderId, Instant now) {
        return coupon.usageCap() != null
                && coupon.usedCount() + repository.heldByOthers(coupon.id(), orderId, now) >= coupon.usageCap();
    }

    /** Whether a once-per-customer coupon is used, or being paid with, by the customer in another order. */
    private boolean usedByCustomer(Coupon coupon, String customerKey, UUID orderId, Instant now) {
        return coupon.oncePerCustomer()
                && (repository.usedBy(coupon.id(), customerKey)
                        || repository.heldForCustomer(coupon.id(), customerKey, orderId, now));
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

package app.dukkan.checkout.coupon;

import app.dukkan.checkout.CouponAdministration;
import app.dukkan.checkout.CouponAdministration.CouponChange;
import app.dukkan.checkout.CouponAdministration.CouponDetails;
import app.dukkan.checkout.CouponAdministration.CouponPage;
import app.dukkan.checkout.CouponAdministration.CouponSort;
import app.dukkan.checkout.CouponAdministration.NewCoupon;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/coupons")
@Tag(name = "Admin: coupons", description = "Discount codes; admins only")
class CouponAdminController {

    record CreateCouponRequest(
            @NotBlank @Size(max = 32) String code,
            @NotBlank String kind,
            @Nullable Integer percent,
            @Nullable Money amount,
            @Nullable Money minSubtotal,
            @Nullable Instant startsAt,
            @Nullable Instant endsAt,
            @Nullable Integer usageCap,
            @Nullable Boolean oncePerCustomer,
            @Nullable Boolean active) {}

    private final CouponAdministration coupons;
    private final CurrentUser currentUser;

    CouponAdminController(CouponAdministration coupons, CurrentUser currentUser) {
        this.coupons = coupons;
        this.currentUser = currentUser;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a coupon",
            description = "`kind` percent (with `percent`, 1 to 100) or fixed (with a positive `amount` in the shop's"
                    + " currency). Codes are 3 to 32 letters, digits, '-' or '_', unique ignoring case and stored in"
                    + " upper case. Optional: `min_subtotal`, `starts_at` (default now), `ends_at`, `usage_cap`,"
                    + " `once_per_customer`, `active` (default true). 409 for a code that exists. Audited as"
                    + " `coupon.created`.")
    CouponDetails create(@Valid @RequestBody CreateCouponRequest request) {
        requireAdmin();
        return coupons.create(new NewCoupon(
                request.code(),
                request.kind(),
                request.percent(),
                request.amount(),
                request.minSubtotal(),
                request.startsAt(),
                request.endsAt(),
                request.usageCap(),
                request.oncePerCustomer(),
                request.active()));
    }

    @GetMapping
    @Operation(summary = "List coupons, newest first")
    CouponPage list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        requireAdmin();
        return coupons.list(CouponSort.NEWEST, page, size);
    }

    @GetMapping("/{code}")
    @Operation(summary = "A coupon by its code, ignoring case")
    CouponDetails get(@PathVariable String code) {
        requireAdmin();
        return coupons.find(code).orElseThrow(() -> ProblemException.notFound("coupon", code));
    }

    @PatchMapping("/{code}")
    @Operation(
            summary = "Change a coupon",
            description = "`active`, `ends_at` and `usage_cap`; absent fields stay as they are. Used counts never"
                    + " change here. Audited as `coupon.deactivated` when `active` switches an active coupon off,"
                    + " otherwise as `coupon.updated`.")
    CouponDetails update(@PathVariable String code, @Valid @RequestBody CouponChange request) {
        requireAdmin();
        return coupons.change(code, request, null);
    }

    /** Sellers may reach /admin; coupons discount every seller's goods, so only admins manage them. */
    private void requireAdmin() {
        if (!currentUser.require().isAdmin()) {
            throw ProblemException.forbidden("Only admins manage coupons");
        }
    }
}

package app.dukkan.orders;

import app.dukkan.checkout.Address;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Changes a draft; absent fields stay as they are, an empty {@code couponCode} removes the coupon,
 * {@code acceptChanges: true} takes the shop's current prices and stock.
 */
public record DraftChange(
        @Valid @Nullable Address address,

        @Email @Size(max = 254) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Nullable
        String email,

        @Size(max = 40) @Nullable String shippingOption,
        @Size(max = 64) @Nullable String couponCode,
        @Nullable Boolean acceptChanges) {

    public static DraftChange shipping(String option) {
        return new DraftChange(null, null, option, null, null);
    }

    /** {@code ""} removes the coupon. */
    public static DraftChange coupon(String code) {
        return new DraftChange(null, null, null, code, null);
    }

    public static DraftChange acceptingChanges() {
        return new DraftChange(null, null, null, null, true);
    }
}

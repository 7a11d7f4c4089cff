package app.dukkan.orders;

import app.dukkan.checkout.Address;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Starts (or refreshes) the draft of the caller's cart: where to ship, the guest's email (a signed-in
 * customer's account email when absent), the shipping option (the cheapest when absent) and a coupon.
 */
public record DraftDetails(
        @Valid @NotNull Address address,

        @Email @Size(max = 254) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Nullable
        String email,

        @Size(max = 40) @Nullable String shippingOption,
        @Size(max = 64) @Nullable String couponCode) {}

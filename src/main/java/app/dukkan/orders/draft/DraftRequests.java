package app.dukkan.orders.draft;

import app.dukkan.checkout.Address;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The bodies of the draft endpoints. */
final class DraftRequests {

    private DraftRequests() {}

    /** Starts (or refreshes) the draft of the caller's cart. Guests must give an email. */
    record Create(
            @Valid @NotNull Address address,
            @Email @Size(max = 254) @Nullable String email,
            @Size(max = 40) @Nullable String shippingOption,
            @Size(max = 64) @Nullable String couponCode) {}

    /**
     * Changes a draft; absent fields stay as they are, an empty {@code coupon_code} removes the
     * coupon, {@code accept_changes: true} takes the shop's current prices and stock.
     */
    record Update(
            @Valid @Nullable Address address,
            @Email @Size(max = 254) @Nullable String email,
            @Size(max = 40) @Nullable String shippingOption,
            @Size(max = 64) @Nullable String couponCode,
            @Nullable Boolean acceptChanges) {}

    record StartPayment(@NotNull java.util.UUID draftId) {}
}

package app.dukkan.checkout;

import app.dukkan.platform.Money;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cart as clients see it, priced with the catalog's current prices. {@code id} is absent while
 * there is no cart. Lines that cannot be bought as they are stay listed with their status and count
 * neither in the totals nor in {@code item_count}.
 */
public record CartView(@Nullable UUID id, String currency, List<Line> lines, int itemCount, Totals totals) {

    public enum Status {
        OK,
        /** the variant or its product is no longer sold */
        UNAVAILABLE,
        /** fewer units are available than the line asks for */
        INSUFFICIENT_STOCK;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Line(
            UUID id,
            UUID variantId,
            @Nullable UUID productId,
            @Nullable String productSlug,
            @Nullable String productName,
            @Nullable String variantName,
            @Nullable String sku,
            @Nullable Money unitPrice,
            int quantity,
            @Nullable Money lineTotal,
            int available,
            Status status) {}

    /** Estimates use the shop's default country and its cheapest shipping option. */
    public record Totals(Money subtotal, Money discounts, Money shippingEstimate, Money taxEstimate, Money total) {

        public static Totals zero(String currency) {
            Money zero = Money.ofMinor(0, currency);
            return new Totals(zero, zero, zero, zero, zero);
        }
    }
}

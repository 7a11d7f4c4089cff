package app.dukkan.orders.domain;

import app.dukkan.catalog.PurchasableVariant;
import app.dukkan.platform.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A draft's drift: the differences between the draft and the shop as it is now. A draft with any of them cannot be paid
 * until the customer accepts the new state.
 */
public final class Drift {

    /**
     * One difference; {@code kind} is {@code price_changed}, {@code insufficient_stock}, {@code unavailable}, {@code
     * coupon_invalid}, {@code totals_changed}, {@code shipping_unavailable} or {@code cart_changed}.
     */
    public record Change(
            String kind,
            @Nullable UUID variantId,
            @Nullable String sku,
            @Nullable Money previousPrice,
            @Nullable Money currentPrice,
            @Nullable Integer quantity,
            @Nullable Integer available,
            @Nullable String detail) {

        static Change ofLine(String kind, OrderLine line, @Nullable PurchasableVariant now, int available) {
            return new Change(
                    kind,
                    line.variantId(),
                    line.sku(),
                    line.unitPrice(),
                    now == null ? null : now.price(),
                    line.quantity(),
                    available,
                    null);
        }

        public static Change ofPricing(String kind, String detail) {
            return new Change(kind, null, null, null, null, null, null, detail);
        }
    }

    private Drift() {}

    /**
     * The line changes. {@code heldForThisOrder} tells whether the order still holds its own
     * reservation, whose units count as available to it.
     */
    public static List<Change> lines(
            List<OrderLine> lines, Map<UUID, PurchasableVariant> current, boolean heldForThisOrder) {
        List<Change> changes = new ArrayList<>();
        for (OrderLine line : lines) {
            PurchasableVariant now = current.get(line.variantId());
            if (now == null || !now.purchasable()) {
                changes.add(Change.ofLine("unavailable", line, now, 0));
                continue;
            }
            int available = now.available() + (heldForThisOrder ? line.quantity() : 0);
            if (line.quantity() > available) {
                changes.add(Change.ofLine("insufficient_stock", line, now, available));
            }
            if (!now.price().equals(line.unitPrice())) {
                changes.add(Change.ofLine("price_changed", line, now, available));
            }
        }
        return changes;
    }

    /**
     * Whether the draft's lines fell behind its cart's {@code items} (variant to units): a line the
     * cart no longer has or has fewer of, or units the cart has more of than the draft, as far as
     * the shop could sell them now. Lines that accepting the shop's state cut to the stock there was,
     * or left out as sold out or no longer for sale, do not count while that still holds.
     */
    public static boolean behindCart(
            List<OrderLine> lines,
            Map<UUID, Integer> items,
            Map<UUID, PurchasableVariant> current,
            boolean heldForThisOrder) {
        Map<UUID, Integer> drafted = new HashMap<>();
        lines.forEach(line -> drafted.merge(line.variantId(), line.quantity(), Integer::sum));
        for (Map.Entry<UUID, Integer> line : drafted.entrySet()) {
            if (items.getOrDefault(line.getKey(), 0) < line.getValue()) {
                return true;
            }
        }
        for (Map.Entry<UUID, Integer> item : items.entrySet()) {
            int have = drafted.getOrDefault(item.getKey(), 0);
            PurchasableVariant now = current.get(item.getKey());
            if (item.getValue() <= have || now == null || !now.purchasable()) {
                continue;
            }
            int available = now.available() + (heldForThisOrder ? have : 0);
            if (Math.min(item.getValue(), available) > have) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lines as the customer accepts them: current prices, quantities cut to what is available,
     * lines that cannot be bought left out.
     */
    public static List<OrderLine> accept(
            List<OrderLine> lines, Map<UUID, PurchasableVariant> current, boolean heldForThisOrder) {
        List<OrderLine> accepted = new ArrayList<>();
        for (OrderLine line : lines) {
            PurchasableVariant now = current.get(line.variantId());
            if (now == null || !now.purchasable()) {
                continue;
            }
            int available = now.available() + (heldForThisOrder ? line.quantity() : 0);
            int quantity = Math.min(line.quantity(), available);
            if (quantity > 0) {
                accepted.add(line.withPriceAndQuantity(now.price(), quantity));
            }
        }
        return accepted;
    }
}

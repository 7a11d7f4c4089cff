package app.dukkan.storefront.checkout;

import app.dukkan.orders.CheckoutDraft;
import app.dukkan.storefront.web.Formats;
import java.util.List;
import java.util.Objects;

/** The review's list of what changed since the draft was made, as texts for the page. */
final class Changes {

    /** One difference: its message key and arguments. */
    record Text(String key, Object[] args) {}

    private Changes() {}

    static List<Text> of(CheckoutDraft draft, Formats prices) {
        return draft.changes().stream()
                .map(change -> text(draft, change, prices))
                .toList();
    }

    private static Text text(CheckoutDraft draft, CheckoutDraft.Change change, Formats prices) {
        String product = draft.lines().stream()
                .filter(line -> Objects.equals(line.variantId(), change.variantId()))
                .findFirst()
                .map(Changes::name)
                .orElse(change.sku() == null ? "" : change.sku());
        return switch (change.kind()) {
            case "price_changed" ->
                new Text("checkout.change.price", new Object[] {
                    product, prices.money(change.previousPrice()), prices.money(change.currentPrice())
                });
            case "insufficient_stock" ->
                new Text("checkout.change.stock", new Object[] {
                    product,
                    change.available() == null ? 0 : change.available(),
                    change.quantity() == null ? 0 : change.quantity()
                });
            case "unavailable" -> new Text("checkout.change.unavailable", new Object[] {product});
            case "coupon_invalid" ->
                new Text("checkout.change.coupon", new Object[] {draft.couponCode() == null ? "" : draft.couponCode()});
            case "shipping_unavailable" -> new Text("checkout.change.shipping", new Object[0]);
            case "cart_changed" -> new Text("checkout.change.cart", new Object[0]);
            default -> new Text("checkout.change.totals", new Object[0]);
        };
    }

    static String name(CheckoutDraft.Line line) {
        String variant = line.variantName();
        return variant.isBlank() || variant.equals(line.productName())
                ? line.productName()
                : line.productName() + " – " + variant;
    }
}

package app.dukkan.orders.draft;

import app.dukkan.checkout.ShippingOption;
import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.domain.Drift;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderLine;
import app.dukkan.orders.domain.Totals;
import java.util.List;
import java.util.Locale;

/** A draft as the customer sees it while checking out: {@link CheckoutDraft} from the order. */
final class DraftView {

    private DraftView() {}

    static CheckoutDraft of(Order order, List<ShippingOption> options, List<Drift.Change> changes, boolean payable) {
        return new CheckoutDraft(
                order.id(),
                order.status().code(),
                order.paymentStatus() == null
                        ? null
                        : order.paymentStatus().name().toLowerCase(Locale.ROOT),
                order.number(),
                order.revision(),
                order.email(),
                order.address(),
                order.lines().stream().map(DraftView::line).toList(),
                options,
                order.shippingCode(),
                order.couponCode(),
                totals(order.totals()),
                changes.stream().map(DraftView::change).toList(),
                payable,
                order.reservedUntil(),
                order.checkoutStep());
    }

    private static CheckoutDraft.Line line(OrderLine line) {
        return new CheckoutDraft.Line(
                line.id(),
                line.position(),
                line.variantId(),
                line.productId(),
                line.sku(),
                line.productName(),
                line.variantName(),
                line.productSlug(),
                line.unitPrice(),
                line.quantity(),
                line.paidTotal(),
                line.refundedQuantity(),
                line.lineTotal());
    }

    private static CheckoutDraft.Totals totals(Totals totals) {
        return new CheckoutDraft.Totals(
                totals.subtotal(),
                totals.discounts(),
                totals.shipping(),
                totals.tax(),
                totals.taxRatePercent(),
                totals.taxInclusive(),
                totals.total());
    }

    private static CheckoutDraft.Change change(Drift.Change change) {
        return new CheckoutDraft.Change(
                change.kind(),
                change.variantId(),
                change.sku(),
                change.previousPrice(),
                change.currentPrice(),
                change.quantity(),
                change.available(),
                change.detail());
    }
}

package app.dukkan.orders.lifecycle;

import app.dukkan.checkout.ShippingNames;
import app.dukkan.identity.UserId;
import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderSummary;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderRepository;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class OrderSummaries implements OrderDirectory {

    private final OrderRepository orders;
    private final ShippingNames shippingNames;

    OrderSummaries(OrderRepository orders, ShippingNames shippingNames) {
        this.orders = orders;
        this.shippingNames = shippingNames;
    }

    @Override
    public String shippingName(OrderSummary order, Locale language) {
        return shippingNames.name(order.address().country(), order.shippingCode(), order.shippingName(), language);
    }

    @Override
    public Optional<OrderSummary> find(UUID orderId) {
        return orders.find(orderId).filter(o -> o.status().isPlaced()).map(OrderSummaries::summary);
    }

    @Override
    public Optional<OrderSummary> findByNumber(String number) {
        return orders.findByNumber(number).map(OrderSummaries::summary);
    }

    @Override
    public Optional<Locale> language(UUID orderId) {
        return orders.language(orderId);
    }

    private static OrderSummary summary(Order order) {
        Object tracking = order.tracking() == null ? null : order.tracking().get("tracking_number");
        Object carrier = order.tracking() == null ? null : order.tracking().get("carrier");
        return new OrderSummary(
                order.id(),
                order.number(),
                order.status(),
                order.email(),
                order.customerId() == null ? null : new UserId(order.customerId()),
                order.address(),
                order.lines().stream()
                        .map(l -> new OrderSummary.Line(
                                l.sku(), l.productName(), l.variantName(), l.quantity(), l.unitPrice(), l.lineTotal()))
                        .toList(),
                order.shippingCode(),
                order.shippingName(),
                order.couponCode(),
                order.totals().subtotal(),
                order.totals().discounts(),
                order.totals().shipping(),
                order.totals().tax(),
                order.totals().taxRatePercent(),
                order.totals().taxInclusive(),
                order.totals().total(),
                order.refunded(),
                order.providerPaymentId(),
                order.paidAt(),
                order.fulfilledAt(),
                carrier == null ? null : carrier.toString(),
                tracking == null ? null : tracking.toString(),
                order.customerCancelReason());
    }
}

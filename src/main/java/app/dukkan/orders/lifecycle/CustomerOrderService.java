package app.dukkan.orders.lifecycle;

import app.dukkan.identity.UserId;
import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderLine;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.receipt.ReceiptLinks;
import app.dukkan.platform.ProblemException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@link CustomerOrders} for the pages; the JSON API's {@code CustomerOrderController} shares its rules. */
@Component
class CustomerOrderService implements CustomerOrders {

    private final OrderRepository orders;
    private final OrderOperations operations;
    private final ReceiptLinks receipts;
    private final RefundRefusals refusals;

    CustomerOrderService(
            OrderRepository orders, OrderOperations operations, ReceiptLinks receipts, RefundRefusals refusals) {
        this.orders = orders;
        this.operations = operations;
        this.receipts = receipts;
        this.refusals = refusals;
    }

    @Override
    public Page list(UserId customer, int page, int size) {
        OrderRepository.Page found =
                orders.placed(new OrderRepository.Search(customer.value(), null, null, null, null), page, size);
        return new Page(found.items().stream().map(CustomerOrderService::row).toList(), page, size, found.total());
    }

    /** One row of a history. */
    static Row row(Order order) {
        return new Row(
                order.number(),
                order.status(),
                order.totals().total(),
                order.lines().stream().mapToInt(OrderLine::quantity).sum(),
                order.paidAt());
    }

    @Override
    public Optional<Detail> find(UserId customer, String number) {
        return own(customer, number).map(this::detail);
    }

    @Override
    public Return requestReturn(UserId customer, String number, UUID lineId, int quantity, String reason) {
        return view(operations.requestReturn(number, customer.value(), lineId, quantity, reason));
    }

    @Override
    public Optional<ReceiptLink> receipt(UserId customer, String number) {
        Order order = own(customer, number).orElseThrow(() -> ProblemException.notFound("order", number));
        return receipts.of(order.id());
    }

    private Optional<Order> own(UserId customer, String number) {
        return orders.findByNumber(number)
                .filter(order -> order.status().isPlaced())
                .filter(order -> customer.value().equals(order.customerId()));
    }

    Detail detail(Order order) {
        List<Returns.ReturnView> returns = operations.returnsOf(order);
        Map<UUID, Integer> asked = new HashMap<>();
        returns.stream()
                .filter(r -> !r.status().equals("rejected"))
                .forEach(r -> asked.merge(r.lineId(), r.quantity(), Integer::sum));
        boolean shipped = order.status() == OrderStatus.FULFILLED;
        List<Line> lines = order.lines().stream()
                .map(line -> new Line(
                        line.id(),
                        line.sku(),
                        line.productName(),
                        line.variantName(),
                        line.productSlug(),
                        line.quantity(),
                        line.unitPrice(),
                        line.lineTotal(),
                        line.refundedQuantity(),
                        shipped ? Math.max(0, line.quantity() - asked.getOrDefault(line.id(), 0)) : 0))
                .toList();
        Object tracking = order.tracking() == null ? null : order.tracking().get("tracking_number");
        Object carrier = order.tracking() == null ? null : order.tracking().get("carrier");
        var totals = order.totals();
        List<OrderRepository.HistoryEntry> history = orders.historyOf(order.id());
        return new Detail(
                order.number(),
                order.status(),
                order.email(),
                order.address(),
                lines,
                order.shippingCode(),
                order.shippingName(),
                order.couponCode(),
                totals.subtotal(),
                totals.discounts(),
                totals.shipping(),
                totals.tax(),
                totals.taxInclusive(),
                totals.total(),
                order.refunded(),
                carrier == null ? null : carrier.toString(),
                tracking == null ? null : tracking.toString(),
                order.createdAt(),
                order.paidAt(),
                order.fulfilledAt(),
                timeline(history),
                returns.stream().map(CustomerOrderService::view).toList(),
                refusals.unpaid(order));
    }

    /**
     * The history entries a customer cares about, by the notes this module writes ({@code OrderOperations},
     * {@code PaymentOutcomes}); drafting and payment attempts are left out.
     */
    static List<Event> timeline(List<OrderRepository.HistoryEntry> history) {
        return history.stream()
                // a dispute is the customer's bank's and the shop's business, shown in the console only
                .filter(entry -> kindOf(entry.note()) != null && kindOf(entry.note()) != EventKind.DISPUTE)
                .map(entry -> new Event(entry.at(), kindOf(entry.note()), OrderStatus.fromCode(entry.status())))
                .toList();
    }

    /** What a history note records, or null for drafting and payment attempts. */
    static @Nullable EventKind kindOf(String note) {
        if (note.startsWith("paid")) {
            return EventKind.PAID;
        } else if (note.equals("shipped")) {
            return EventKind.SHIPPED;
        } else if (note.startsWith("cancelled")) {
            return EventKind.CANCELLED;
        } else if (note.startsWith("refund confirmed")) {
            return EventKind.REFUND_CONFIRMED;
        } else if (note.startsWith("refund refused")) {
            return EventKind.REFUND_FAILED;
        } else if (note.startsWith("refund of")) {
            return EventKind.REFUND;
        } else if (note.startsWith("return requested")) {
            return EventKind.RETURN_REQUESTED;
        } else if (note.startsWith("return accepted")) {
            return EventKind.RETURN_ACCEPTED;
        } else if (note.startsWith("return rejected")) {
            return EventKind.RETURN_REJECTED;
        } else if (note.startsWith("dispute")) {
            return EventKind.DISPUTE;
        } else if (note.startsWith("draft") || note.startsWith("payment")) {
            return null;
        }
        return EventKind.OTHER;
    }

    /** A return request as its customer and the console see it. */
    static Return view(Returns.ReturnView r) {
        return new Return(
                r.id(),
                r.lineId(),
                r.sku(),
                r.quantity(),
                r.reason(),
                r.status(),
                r.note(),
                r.createdAt(),
                r.decidedAt());
    }
}

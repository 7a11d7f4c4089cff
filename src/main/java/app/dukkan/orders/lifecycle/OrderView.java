package app.dukkan.orders.lifecycle;

import app.dukkan.checkout.Address;
import app.dukkan.checkout.ShippingNames;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderLine;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.domain.Totals;
import app.dukkan.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A placed order with its lines, totals, timeline and returns. */
record OrderView(
        UUID id,
        String number,
        String status,
        @Nullable String paymentStatus,
        String email,
        Address address,
        List<OrderLine> lines,

        @Schema(description = "The shipping option's code, the same in every language")
        String shippingOption,

        @Schema(
                description = "The shipping option's name in the language asked for by Accept-Language (English"
                        + " when the shop has no words in it), else the name it had when the order was placed")
        String shippingName,

        @Nullable String couponCode,
        Totals totals,
        Money refunded,
        @Nullable String cancelReason,
        @Nullable Map<String, Object> tracking,
        Instant createdAt,
        @Nullable Instant paidAt,
        @Nullable Instant fulfilledAt,
        @Nullable Instant closedAt,
        List<OrderRepository.HistoryEntry> history,
        List<Returns.ReturnView> returns) {

    /** One row of an order list. */
    record Summary(
            String number,
            String status,
            String email,
            Money total,
            int itemCount,
            @Nullable Instant paidAt) {

        static Summary of(Order order) {
            return new Summary(
                    order.number(),
                    order.status().code(),
                    order.email(),
                    order.totals().total(),
                    order.lines().stream().mapToInt(OrderLine::quantity).sum(),
                    order.paidAt());
        }
    }

    record Page(List<Summary> items, int page, int size, long total) {}

    /**
     * The order as its customer sees it: the history as what happened ({@code paid}, {@code
     * refund}, …) without the operators' notes and reasons, which are theirs (a refund's reason,
     * a payment's failure); a cancellation's reason only when the shop ran out of stock.
     */
    static OrderView forCustomer(
            Order order,
            List<OrderRepository.HistoryEntry> history,
            List<Returns.ReturnView> returns,
            ShippingNames names,
            Locale language) {
        List<OrderRepository.HistoryEntry> events = CustomerOrderService.timeline(history).stream()
                .map(event -> new OrderRepository.HistoryEntry(
                        event.at(),
                        event.status().code(),
                        event.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')))
                .toList();
        return of(order, order.customerCancelReason(), events, returns, names, language);
    }

    static OrderView of(
            Order order,
            List<OrderRepository.HistoryEntry> history,
            List<Returns.ReturnView> returns,
            ShippingNames names,
            Locale language) {
        return of(order, order.cancelReason(), history, returns, names, language);
    }

    private static OrderView of(
            Order order,
            @Nullable String cancelReason,
            List<OrderRepository.HistoryEntry> history,
            List<Returns.ReturnView> returns,
            ShippingNames names,
            Locale language) {
        return new OrderView(
                order.id(),
                order.number(),
                order.status().code(),
                order.paymentStatus() == null
                        ? null
                        : order.paymentStatus().name().toLowerCase(Locale.ROOT),
                order.email(),
                order.address(),
                order.lines(),
                order.shippingCode(),
                names.name(order.address().country(), order.shippingCode(), order.shippingName(), language),
                order.couponCode(),
                order.totals(),
                order.refunded(),
                cancelReason,
                order.tracking(),
                order.createdAt(),
                order.paidAt(),
                order.fulfilledAt(),
                order.closedAt(),
                history,
                returns);
    }
}

package app.dukkan.orders.lifecycle;

import app.dukkan.checkout.ShippingNames;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/admin")
@Tag(name = "Order operations", description = "Fulfilment, cancellation, refunds and returns (admins)")
class AdminOrderController {

    record FulfilRequest(
            @Size(max = 60) @Nullable String carrier,
            @Size(max = 40) @Nullable String trackingNumber) {}

    record CancelRequest(@NotBlank @Size(max = 500) String reason) {}

    record RefundRequest(
            @Nullable Money amount,
            @Nullable @Size(max = 100) List<@Valid @NotNull LineUnits> lines,
            @NotBlank @Size(max = 500) String reason,
            @Nullable Boolean restock) {}

    record LineUnits(
            @NotNull UUID lineId, @Min(1) @Max(10000) int quantity) {}

    record AcceptReturn(
            @Nullable Boolean refund,
            @Nullable Boolean restock,
            @Nullable @Size(max = 500) String reason) {}

    record RejectReturn(@NotBlank @Size(max = 1000) String note) {}

    private final OrderRepository orders;
    private final OrderOperations operations;
    private final Returns returns;
    private final CurrentUser currentUser;
    private final ShippingNames shippingNames;

    AdminOrderController(
            OrderRepository orders,
            OrderOperations operations,
            Returns returns,
            CurrentUser currentUser,
            ShippingNames shippingNames) {
        this.orders = orders;
        this.operations = operations;
        this.returns = returns;
        this.currentUser = currentUser;
        this.shippingNames = shippingNames;
    }

    @GetMapping("/orders")
    @Operation(
            summary = "Search placed orders",
            description = "Newest first; filter by customer `email` (any case), `phone` (as given in the address)"
                    + " or `status`.")
    OrderView.Page list(
            @RequestParam(required = false) @Nullable @Size(max = 254) String email,
            @RequestParam(required = false) @Nullable @Size(max = 32) String phone,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        admin();
        OrderRepository.Page found = orders.placed(
                new OrderRepository.Search(
                        null, email, phone, null, status == null ? null : OrderStatus.fromCode(status)),
                page,
                size);
        return new OrderView.Page(
                found.items().stream().map(OrderView.Summary::of).toList(), page, size, found.total());
    }

    @GetMapping("/orders/{number}")
    @Operation(
            summary = "Show an order",
            description = "The shipping option's name (`shipping_name`) is in the language of Accept-Language;"
                    + " `shipping_option` is its code.")
    OrderView get(@PathVariable String number, Locale language) {
        admin();
        return view(
                orders.findByNumber(number).orElseThrow(() -> ProblemException.notFound("order", number)), language);
    }

    @PostMapping("/orders/{number}/fulfil")
    @Operation(
            summary = "Mark a paid order shipped",
            description = "Optional `carrier` (up to 60 letters, digits, spaces and . & ' ( ) -) and"
                    + " `tracking_number` (up to 40 letters A-Z and digits, single spaces or hyphens between"
                    + " them), shown to the customer and in the shipping mail. Audited as `order.fulfilled`.")
    OrderView fulfil(
            @PathVariable String number,
            @Valid @RequestBody(required = false) @Nullable FulfilRequest body,
            Locale language) {
        AuthenticatedUser actor = admin();
        return view(
                operations.fulfil(
                        number,
                        body == null ? null : body.carrier(),
                        body == null ? null : body.trackingNumber(),
                        actor.id().value()),
                language);
    }

    @PostMapping("/orders/{number}/cancel")
    @Operation(
            summary = "Cancel a paid order",
            description = "Only before it ships. Its stock goes back on hand and the rest of its money is refunded."
                    + " 409 `payment-disputed` while the customer's bank disputes the payment, which cannot be"
                    + " refunded then: a lost dispute refunds the order and puts its stock back.")
    OrderView cancel(@PathVariable String number, @Valid @RequestBody CancelRequest body, Locale language) {
        AuthenticatedUser actor = admin();
        return view(operations.cancel(number, body.reason(), actor.id().value()), language);
    }

    @PostMapping("/orders/{number}/refunds")
    @Operation(
            summary = "Refund an order, fully or partly",
            description = "An `amount`, or `lines` ({line_id, quantity}: what was paid for those units, with the"
                    + " shipping when they are the last units not yet refunded), or without either everything not"
                    + " yet refunded; never more than is left. A full refund of an order not yet shipped"
                    + " puts its stock back unless `restock` is false. Send an `Idempotency-Key` header to make"
                    + " a repeated request refund once; the same key with another amount, lines or"
                    + " restock answers 409 `idempotency-key-reused`. 409 `payment-disputed` while the customer's bank disputes the"
                    + " payment, which cannot be refunded then. The provider is paid back by a retried job. A refund"
                    + " the provider refuses for good no longer counts as refunded: refund it again with a new key"
                    + " (its own key answers as done); a refunded or cancelled order refunds only such money.")
    OrderView refund(
            @PathVariable String number,
            @Valid @RequestBody RefundRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable @Size(max = 100) String idempotencyKey,
            Locale language) {
        AuthenticatedUser actor = admin();
        Map<UUID, Integer> units = new LinkedHashMap<>();
        if (body.lines() != null) {
            body.lines().forEach(line -> units.merge(line.lineId(), line.quantity(), Integer::sum));
        }
        return view(
                operations
                        .refund(
                                number,
                                body.amount(),
                                units,
                                body.reason(),
                                body.restock(),
                                idempotencyKey,
                                actor.id().value())
                        .order(),
                language);
    }

    @GetMapping("/returns")
    @Operation(summary = "List return requests waiting for a decision", description = "Oldest first.")
    List<Returns.ReturnView> waitingReturns(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        admin();
        return returns.waiting(page, size);
    }

    @PostMapping("/returns/{id}/accept")
    @Operation(
            summary = "Accept a return",
            description = "Refunds the returned units' price and puts them back on hand, unless `refund` or"
                    + " `restock` is false; `reason` goes to the audit log. 409 `payment-disputed` while the"
                    + " customer's bank disputes the payment and the return would refund it.")
    Returns.ReturnView accept(
            @PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable AcceptReturn body) {
        AuthenticatedUser actor = admin();
        return operations.acceptReturn(
                id,
                body == null ? null : body.refund(),
                body == null ? null : body.restock(),
                body == null ? null : body.reason(),
                actor.id().value());
    }

    @PostMapping("/returns/{id}/reject")
    @Operation(summary = "Reject a return", description = "The note tells the customer why.")
    Returns.ReturnView reject(@PathVariable UUID id, @Valid @RequestBody RejectReturn body) {
        AuthenticatedUser actor = admin();
        return operations.rejectReturn(id, body.note(), actor.id().value());
    }

    private OrderView view(Order order, Locale language) {
        return OrderView.of(order, orders.historyOf(order.id()), operations.returnsOf(order), shippingNames, language);
    }

    private AuthenticatedUser admin() {
        AuthenticatedUser user = currentUser.require();
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only admins manage orders");
        }
        return user;
    }
}

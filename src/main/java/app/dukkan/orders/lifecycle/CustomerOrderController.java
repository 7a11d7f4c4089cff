package app.dukkan.orders.lifecycle;

import app.dukkan.checkout.ShippingNames;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders", description = "Your orders and returns")
class CustomerOrderController {

    record ReturnRequest(
            @NotNull UUID lineId,
            @NotNull @Min(1) @Max(10000) Integer quantity,
            @NotBlank @Size(max = 1000) String reason) {}

    private final OrderRepository orders;
    private final OrderOperations operations;
    private final CurrentUser currentUser;
    private final ShippingNames shippingNames;

    CustomerOrderController(
            OrderRepository orders, OrderOperations operations, CurrentUser currentUser, ShippingNames shippingNames) {
        this.orders = orders;
        this.operations = operations;
        this.currentUser = currentUser;
        this.shippingNames = shippingNames;
    }

    @GetMapping
    @Operation(summary = "List your orders", description = "Paid orders of the signed-in customer, newest first.")
    OrderView.Page list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        AuthenticatedUser user = currentUser.require();
        OrderRepository.Page found =
                orders.placed(new OrderRepository.Search(user.id().value(), null, null, null, null), page, size);
        return new OrderView.Page(
                found.items().stream().map(OrderView.Summary::of).toList(), page, size, found.total());
    }

    @GetMapping("/{number}")
    @Operation(
            summary = "Show one of your orders",
            description = "Lines, totals, timeline and returns. The history names what happened (paid, shipped,"
                    + " cancelled, refund, refund-confirmed, refund-failed, return-requested, return-accepted, return-rejected),"
                    + " not the shop's notes. The shipping option's name (`shipping_name`) is in the language of"
                    + " Accept-Language; `shipping_option` is its code.")
    OrderView get(@PathVariable String number, Locale language) {
        Order order = own(number);
        return OrderView.forCustomer(
                order, orders.historyOf(order.id()), operations.returnsOf(order), shippingNames, language);
    }

    @PostMapping("/{number}/returns")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Ask to return a line of a shipped order",
            description = "At most the units of the line not already asked back; an operator accepts or rejects.")
    Returns.ReturnView requestReturn(@PathVariable String number, @Valid @RequestBody ReturnRequest body) {
        AuthenticatedUser user = currentUser.require();
        return operations.requestReturn(number, user.id().value(), body.lineId(), body.quantity(), body.reason());
    }

    @GetMapping("/{number}/returns")
    @Operation(summary = "List the returns of one of your orders")
    List<Returns.ReturnView> returns(@PathVariable String number) {
        return operations.returnsOf(own(number));
    }

    private Order own(String number) {
        AuthenticatedUser user = currentUser.require();
        return orders.findByNumber(number)
                .filter(order -> user.id().value().equals(order.customerId()))
                .orElseThrow(() -> ProblemException.notFound("order", number));
    }
}

package app.dukkan.orders.receipt;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Receipts", description = "PDF receipts of paid orders behind expiring links")
class ReceiptController {

    /** A link to the receipt's PDF and when it stops working. */
    record ReceiptLink(String url, Instant expiresAt) {}

    private final OrderDirectory orders;
    private final ReceiptLinks links;
    private final CurrentUser currentUser;

    ReceiptController(OrderDirectory orders, ReceiptLinks links, CurrentUser currentUser) {
        this.orders = orders;
        this.links = links;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/orders/{number}/receipt")
    @Operation(
            summary = "Get a link to the receipt of one of your orders",
            description = "A signed URL of the PDF, valid for 24 hours by default. While the receipt is still being"
                    + " rendered (right after payment) the answer is 404 `receipt-not-ready` with Retry-After; an order"
                    + " cancelled as it was paid (its stock or coupon gone, the payment refunded) has none: 404"
                    + " `receipt-none`.")
    ReceiptLink own(@PathVariable String number) {
        AuthenticatedUser user = currentUser.require();
        OrderSummary order = orders.findByNumber(number)
                .filter(o -> o.status().isPlaced())
                .filter(o -> user.id().equals(o.customer()))
                .orElseThrow(() -> ProblemException.notFound("order", number));
        return link(order);
    }

    @GetMapping("/api/v1/admin/orders/{number}/receipt")
    @Operation(summary = "Get a link to an order's receipt (admins)")
    ReceiptLink any(@PathVariable String number) {
        if (!currentUser.require().isAdmin()) {
            throw ProblemException.forbidden("Only admins read other customers' receipts");
        }
        OrderSummary order = orders.findByNumber(number)
                .filter(o -> o.status().isPlaced())
                .orElseThrow(() -> ProblemException.notFound("order", number));
        return link(order);
    }

    private ReceiptLink link(OrderSummary order) {
        CustomerOrders.ReceiptLink signed = links.of(order.id())
                .orElseThrow(() ->
                        order.status() == OrderStatus.CANCELLED ? none(order.number()) : notReady(order.number()));
        String base =
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return new ReceiptLink(base + signed.path(), signed.expiresAt());
    }

    /** A cancelled order without a receipt never gets one: paid after its hold ran out, and refunded. */
    static ProblemException none(String number) {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "receipt-none",
                "No receipt",
                "Order " + number + " was cancelled as it was paid, and its payment refunded: it has no receipt",
                List.of());
    }

    static ProblemException notReady(String number) {
        return ProblemException.temporary(
                HttpStatus.NOT_FOUND,
                "receipt-not-ready",
                "Receipt not ready",
                "The receipt of order " + number + " is being prepared; try again shortly",
                Duration.ofSeconds(5));
    }
}

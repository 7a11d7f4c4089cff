package app.dukkan.orders.draft;

import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.Checkouts;
import app.dukkan.orders.DraftChange;
import app.dukkan.orders.DraftDetails;
import app.dukkan.orders.PaymentStart;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Checkout", description = "Order drafts and the start of their payment")
class DraftController {

    private final Checkouts checkouts;

    DraftController(Checkouts checkouts) {
        this.checkouts = checkouts;
    }

    @PostMapping({"/api/v1/orders/draft", "/api/v1/checkout/init"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Start checkout: a draft order from the cart",
            description = "Prices the caller's cart for the address: shipping options (the cheapest is chosen"
                    + " unless `shipping_option` is given), coupon, tax and totals. A cart has one open draft;"
                    + " repeating the call brings that draft up to date instead of making another. Guests must"
                    + " give an `email`. Making the draft (or changing its email) records the buyer's consent to"
                    + " the processing the privacy notice (GET /privacy) describes, for that email and account, in"
                    + " the consent log (`processing`, channel `api`); show the notice to the person before calling."
                    + " `/api/v1/checkout/init` is the same operation.")
    CheckoutDraft create(
            @Valid @RequestBody DraftDetails body, HttpServletRequest request, HttpServletResponse response) {
        return checkouts.start(body, request, response);
    }

    @GetMapping("/api/v1/orders/draft/{id}")
    @Operation(
            summary = "A draft checked against the shop",
            description = "Shows the draft with `changes`: prices, stock, coupon or rates that differ from the"
                    + " shop's current state, and `cart_changed` when its cart no longer holds what the draft does"
                    + " (POST /api/v1/orders/draft again takes the cart over). While there are changes `payable` is"
                    + " false.")
    CheckoutDraft get(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) {
        return checkouts.find(id, request, response);
    }

    @PatchMapping("/api/v1/orders/draft/{id}")
    @Operation(
            summary = "Change a draft",
            description = "Address, email, shipping option or coupon (an empty `coupon_code` removes it);"
                    + " `accept_changes: true` takes today's prices and cuts quantities to the stock there is."
                    + " The same change twice leaves the draft as it was after the first. A draft waiting for"
                    + " its payment goes back to `draft`: the started payment belonged to the old content.")
    CheckoutDraft update(
            @PathVariable UUID id,
            @Valid @RequestBody DraftChange body,
            HttpServletRequest request,
            HttpServletResponse response) {
        return checkouts.change(id, body, request, response);
    }

    @PostMapping("/api/v1/payments/intent")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Start paying a draft",
            description = "Holds the draft's stock and coupon use (10 minutes by default) and creates the payment"
                    + " intent with the configured provider. Returns `client_secret` for Stripe.js, or for the built-in"
                    + " test provider for POST /api/v1/payments/test/confirm. One hold per content of the draft:"
                    + " repeating the call returns the same intent and `reserved_until`, never a longer or new hold."
                    + " A draft that costs nothing (a coupon took the goods, shipping is free) is placed at once"
                    + " without a payment: `provider` `none`, `status` `succeeded`, no `payment_id` or"
                    + " `client_secret`; the draft then has its order number."
                    + " 409 `out-of-stock` (naming the variants), `coupon-unavailable`, `draft-changed` (see `errors`;"
                    + " `cart_changed`: the cart changed since the draft was made, POST /api/v1/orders/draft first),"
                    + " `order-already-placed` or `hold-limit-reached`; 429 `too-many-holds` when this address holds"
                    + " too many payments at once; 422 `amount-too-small` when the total is below what the provider"
                    + " charges (Stripe: €0.50; nothing is held); 502/503 when the provider fails (nothing is held"
                    + " then; retry).")
    PaymentStart startPayment(
            @Valid @RequestBody DraftRequests.StartPayment body,
            HttpServletRequest request,
            HttpServletResponse response) {
        return checkouts.startPayment(body.draftId(), request, response);
    }
}

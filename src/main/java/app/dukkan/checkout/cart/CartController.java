package app.dukkan.checkout.cart;

import app.dukkan.checkout.CartView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/cart")
@Tag(
        name = "Cart",
        description = "The caller's cart: a signed-in user's, or an anonymous one named by the HttpOnly DUKKAN_CART"
                + " cookie. Signing in merges the anonymous cart into the user's. Prices are always the catalog's"
                + " current ones.")
class CartController {

    record PutLine(
            @NotNull UUID variantId,
            @NotNull @Min(1) @Max(1_000_000) Integer quantity) {}

    record ChangeLine(@NotNull @Min(1) @Max(1_000_000) Integer quantity) {}

    private final CartService carts;

    CartController(CartService carts) {
        this.carts = carts;
    }

    @GetMapping
    @Operation(
            summary = "The caller's cart",
            description = "An empty cart (without id) when there is none; reading never creates one. Lines that"
                    + " cannot be bought as they are show status `unavailable` or `insufficient_stock` and are left out"
                    + " of the totals. Shipping and tax are estimated for the shop's default country and cheapest"
                    + " shipping option.")
    CartView get(HttpServletRequest request, HttpServletResponse response) {
        return carts.view(request, response);
    }

    @PostMapping
    @Operation(
            summary = "Set a variant's quantity in the cart",
            description = "Idempotent: sets (not adds) the quantity of the variant's line, adding the line if needed."
                    + " The first write of an anonymous visitor creates the cart and sets the DUKKAN_CART cookie."
                    + " 404 for an unknown variant, 409 for one that is not for sale or lacks stock, 400 for a"
                    + " quantity above the per-line maximum.")
    CartView put(@Valid @RequestBody PutLine body, HttpServletRequest request, HttpServletResponse response) {
        return carts.put(request, response, body.variantId(), body.quantity());
    }

    @PatchMapping("/lines/{id}")
    @Operation(summary = "Change a line's quantity", description = "404 for a line that is not in the caller's cart.")
    CartView change(
            @PathVariable UUID id,
            @Valid @RequestBody ChangeLine body,
            HttpServletRequest request,
            HttpServletResponse response) {
        return carts.setQuantity(request, response, id, body.quantity());
    }

    @DeleteMapping("/lines/{id}")
    @Operation(
            summary = "Remove a line",
            description = "Answers the cart without it; 404 for a line that is not in the caller's cart.")
    CartView remove(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) {
        return carts.remove(request, response, id);
    }
}

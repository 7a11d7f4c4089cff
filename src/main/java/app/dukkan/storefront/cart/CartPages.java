package app.dukkan.storefront.cart;

import app.dukkan.catalog.PurchasableVariant;
import app.dukkan.catalog.Stock;
import app.dukkan.checkout.CartView;
import app.dukkan.checkout.Carts;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import app.dukkan.storefront.web.PageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The cart page ({@code /cart}) and drawer ({@code /cart/drawer}, opened by the header's cart link
 * with htmx), and the forms that change the cart. Without JavaScript every form posts and is
 * redirected to the cart page; with htmx the answer is the changed cart (page or drawer, as the form
 * says in {@code view}) with the header's cart count out of band. A refused change (unknown
 * variant, no stock, a line not in this cart) changes nothing and shows why, with status 422.
 */
@Controller
class CartPages {

    static final String TEMPLATE = "storefront/cart/cart";
    static final String PARTS = "storefront/cart/parts";
    private static final int MAX_QUANTITY_DIGITS = 6;

    private final Carts carts;
    private final Stock stock;

    CartPages(Carts carts, Stock stock) {
        this.carts = carts;
        this.stock = stock;
    }

    @GetMapping("/cart")
    String page(
            @RequestParam(required = false) @Nullable String added,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        CartView cart = carts.view(request, response);
        CartModel state = new CartModel(cart, View.PAGE, carts.maxLineQuantity());
        addedLine(cart, added).ifPresent(line -> state.notice("cart.notice.added", "success", name(line)));
        return render(state, request, model);
    }

    /** The drawer's content for htmx; a browser without JavaScript follows the link to the page instead. */
    @GetMapping("/cart/drawer")
    String drawer(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!htmx(request)) {
            return "redirect:/cart";
        }
        return render(
                new CartModel(carts.view(request, response), View.DRAWER, carts.maxLineQuantity()).opening(),
                request,
                model);
    }

    /** Closing the drawer empties it. */
    @GetMapping("/cart/drawer/closed")
    String closed(HttpServletRequest request) {
        return htmx(request) ? PARTS + " :: closed" : "redirect:/cart";
    }

    /**
     * Adds units of a variant (the product page's form: {@code variant_id}, {@code quantity}). With
     * htmx the answer opens the drawer, wherever the form sits.
     */
    @PostMapping("/cart/items")
    String add(
            @RequestParam(name = "variant_id", required = false) @Nullable String variantId,
            @RequestParam(required = false) @Nullable String quantity,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        boolean htmx = htmx(request);
        View view = htmx ? View.DRAWER : View.PAGE;
        if (htmx) {
            response.setHeader("HX-Retarget", "#drawer");
            response.setHeader("HX-Reswap", "innerHTML");
        }
        UUID variant = uuid(variantId);
        Integer units = quantity == null || quantity.isBlank() ? Integer.valueOf(1) : number(quantity);
        if (variant == null) {
            return refused(carts.view(request, response), view, "cart.error.variant", request, response, model);
        }
        if (units == null || units < 1 || units > carts.maxLineQuantity()) {
            return refused(
                    carts.view(request, response),
                    view,
                    "cart.error.quantity",
                    request,
                    response,
                    model,
                    carts.maxLineQuantity());
        }
        CartView cart;
        try {
            cart = carts.add(request, response, variant, units);
        } catch (ProblemException e) {
            CartView current = carts.view(request, response);
            return refused(current, view, e, variant, request, response, model);
        }
        Optional<CartView.Line> line =
                cart.lines().stream().filter(l -> l.variantId().equals(variant)).findFirst();
        if (!htmx) {
            return line.map(l -> "redirect:/cart?added=" + l.id()).orElse("redirect:/cart");
        }
        CartModel state = new CartModel(cart, view, carts.maxLineQuantity()).opening();
        line.ifPresent(l -> state.notice("cart.notice.added", "success", name(l)));
        return render(state, request, model);
    }

    /** Changes a line's quantity ({@code quantity}). */
    @PostMapping("/cart/lines/{id}")
    String change(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String quantity,
            @RequestParam(required = false) @Nullable String view,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        View shown = View.of(view, request);
        Integer units = quantity == null ? null : number(quantity);
        if (units == null || units < 1 || units > carts.maxLineQuantity()) {
            CartModel state = new CartModel(carts.view(request, response), shown, carts.maxLineQuantity());
            if (state.cart().lines().stream().noneMatch(l -> l.id().equals(id))) {
                state.notice("cart.error.line", "error");
            } else {
                state.lineError(id, "cart.error.quantity", quantity, carts.maxLineQuantity());
            }
            return unprocessable(state, request, response, model);
        }
        try {
            CartView cart = carts.setQuantity(request, response, id, units);
            return changed(new CartModel(cart, shown, carts.maxLineQuantity()), request, model);
        } catch (ProblemException e) {
            CartModel state = new CartModel(carts.view(request, response), shown, carts.maxLineQuantity());
            Optional<CartView.Line> line =
                    state.cart().lines().stream().filter(l -> l.id().equals(id)).findFirst();
            if (line.isEmpty()) {
                state.notice("cart.error.line", "error");
            } else {
                Problem problem = problem(e, line.get().available());
                state.lineError(id, problem.key(), quantity, problem.args());
            }
            return unprocessable(state, request, response, model);
        }
    }

    @PostMapping("/cart/lines/{id}/remove")
    String remove(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String view,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        View shown = View.of(view, request);
        try {
            CartView before = carts.view(request, response);
            String removed = before.lines().stream()
                    .filter(l -> l.id().equals(id))
                    .findFirst()
                    .map(CartPages::name)
                    .orElse("");
            CartModel state = new CartModel(carts.remove(request, response, id), shown, carts.maxLineQuantity());
            state.notice("cart.notice.removed", "success", removed);
            return changed(state, request, model);
        } catch (ProblemException e) {
            CartModel state = new CartModel(carts.view(request, response), shown, carts.maxLineQuantity());
            state.notice("cart.error.line", "error");
            return unprocessable(state, request, response, model);
        }
    }

    // --- rendering

    /** A change that worked: htmx gets the cart in place, a plain form the cart page anew. */
    private String changed(CartModel state, HttpServletRequest request, Model model) {
        if (!htmx(request)) {
            return "redirect:/cart";
        }
        return render(state, request, model);
    }

    private String refused(
            CartView cart,
            View view,
            String key,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Object... args) {
        CartModel state = new CartModel(cart, view, carts.maxLineQuantity()).opening();
        state.notice(key, "error", args);
        return unprocessable(state, request, response, model);
    }

    private String refused(
            CartView cart,
            View view,
            ProblemException e,
            UUID variantId,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<CartView.Line> line = cart.lines().stream()
                .filter(l -> l.variantId().equals(variantId))
                .findFirst();
        int inCart = line.map(CartView.Line::quantity).orElse(0);
        // a line counts what the shopper's own started payment holds as available to them
        int stocked = line.isPresent() ? line.get().available() : availableOf(variantId);
        int available = Math.max(stocked - inCart, 0);
        Problem problem = problem(e, available);
        if (problem.key().equals("cart.error.stock") && inCart > 0) {
            problem = new Problem("cart.error.stock-in-cart", new Object[] {available, inCart});
        }
        if (problem.key().equals("cart.error.quantity") && inCart > 0) {
            // the addition alone was within bounds: the sum with the line is not
            int max = carts.maxLineQuantity();
            problem = new Problem("cart.error.quantity-in-cart", new Object[] {max, inCart, Math.max(max - inCart, 0)});
        }
        return refused(cart, view, problem.key(), request, response, model, problem.args());
    }

    private int availableOf(UUID variantId) {
        PurchasableVariant variant = stock.variants(List.of(variantId)).get(variantId);
        return variant == null ? 0 : variant.available();
    }

    private String unprocessable(
            CartModel state, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(422);
        return render(state, request, model);
    }

    private String render(CartModel state, HttpServletRequest request, Model model) {
        PageContext.cartCountIs(
                request,
                state.cart().lines().stream().mapToInt(CartView.Line::quantity).sum());
        model.addAttribute("state", state);
        model.addAttribute("cart", state.cart());
        if (!htmx(request)) {
            model.addAttribute("crumbs", List.of(Crumb.key("cart.title", null)));
            return TEMPLATE;
        }
        // the drawer opens whole into #drawer; a change in it replaces its cart only
        return PARTS + (state.view() == View.DRAWER && state.wholeDrawer() ? " :: htmx-drawer" : " :: htmx-panel");
    }

    // --- input and problems

    record Problem(String key, Object[] args) {}

    /** The text for a refusal of the cart API; {@code available} is what the shopper could still have. */
    private Problem problem(ProblemException e, int available) {
        return switch (e.type()) {
            case "insufficient-stock" -> new Problem("cart.error.stock", new Object[] {available});
            case "variant-unavailable" -> new Problem("cart.error.unavailable", new Object[0]);
            case "cart-full" -> new Problem("cart.error.full", new Object[0]);
            case "validation" -> new Problem("cart.error.quantity", new Object[] {carts.maxLineQuantity()});
            case "not-found" ->
                e.errors().stream().anyMatch(f -> f.field().equals("variant_id"))
                        ? new Problem("cart.error.variant", new Object[0])
                        : new Problem("cart.error.line", new Object[0]);
            default -> new Problem("cart.error.generic", new Object[0]);
        };
    }

    static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    private static Optional<CartView.Line> addedLine(CartView cart, @Nullable String added) {
        UUID id = uuid(added);
        return id == null
                ? Optional.empty()
                : cart.lines().stream().filter(l -> l.id().equals(id)).findFirst();
    }

    static String name(CartView.Line line) {
        String product = line.productName() == null ? "" : line.productName();
        String variant = line.variantName();
        return variant == null || variant.isBlank() || variant.equals(product) ? product : product + " – " + variant;
    }

    static @Nullable UUID uuid(@Nullable String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static @Nullable Integer number(String value) {
        String digits = value.strip();
        if (digits.isEmpty()
                || digits.length() > MAX_QUANTITY_DIGITS
                || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Where the cart is shown: its page or the drawer. */
    enum View {
        PAGE,
        DRAWER;

        /** The form says where it sits; only htmx answers can be in the drawer. */
        static View of(@Nullable String value, HttpServletRequest request) {
            return "drawer".equals(value) && htmx(request) ? DRAWER : PAGE;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the cart template shows: the cart, where, a notice and errors of lines with what was typed. */
    static final class CartModel {
        private final CartView cart;
        private final View view;
        private final int maxLineQuantity;
        private @Nullable Notice notice;
        private boolean wholeDrawer;
        private final Map<UUID, LineError> lineErrors = new java.util.HashMap<>();

        record Notice(String key, String kind, Object[] args) {}

        record LineError(
                String key, Object[] args, @Nullable String typed) {}

        CartModel(CartView cart, View view, int maxLineQuantity) {
            this.cart = cart;
            this.view = view;
            this.maxLineQuantity = maxLineQuantity;
        }

        /** The answer opens the drawer (into {@code #drawer}) rather than changing the cart shown in it. */
        CartModel opening() {
            wholeDrawer = true;
            return this;
        }

        boolean wholeDrawer() {
            return wholeDrawer;
        }

        void notice(String key, String kind, Object... args) {
            notice = new Notice(key, kind, args);
        }

        void lineError(UUID line, String key, @Nullable String typed, Object... args) {
            lineErrors.put(line, new LineError(key, args, typed));
        }

        public CartView cart() {
            return cart;
        }

        public View view() {
            return view;
        }

        public String viewCode() {
            return view.code();
        }

        public @Nullable Notice notice() {
            return notice;
        }

        public @Nullable LineError errorOf(UUID line) {
            return lineErrors.get(line);
        }

        /** The most a line's quantity field allows: what is available, at most the per-line maximum. */
        public int maxOf(CartView.Line line) {
            return Math.max(1, Math.min(line.available(), maxLineQuantity));
        }

        /** The value the quantity field shows: what was typed when it was refused, else the line's. */
        public String quantityOf(CartView.Line line) {
            LineError error = lineErrors.get(line.id());
            return error != null && error.typed() != null ? error.typed() : Integer.toString(line.quantity());
        }

        /** Whether the total already contains the tax (prices include it), so tax is shown as a part of it. */
        public boolean taxIncluded() {
            CartView.Totals t = cart.totals();
            return t.total().minor()
                    == t.subtotal().minor()
                            - t.discounts().minor()
                            + t.shippingEstimate().minor();
        }

        public String name(CartView.Line line) {
            return CartPages.name(line);
        }
    }
}

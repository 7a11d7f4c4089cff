package app.dukkan.admin.search;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.catalog.ProductLookup;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.ManagedUser;
import app.dukkan.identity.UserAdministration;
import app.dukkan.identity.UserQuery;
import app.dukkan.orders.OrderConsole;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The console's search box: orders (an exact number opens the order; an email address lists its
 * orders), accounts by email or name (admins) and products by name or SKU. Sellers find their own
 * products and the orders with their products only, as the orders list shows them. Results are
 * grouped, a few of each, with links to their pages.
 */
@Controller
class SearchPage {

    /** The longest search, in characters. */
    static final int MAX_LENGTH = 200;

    private static final int PER_GROUP = 10;
    private static final Pattern ORDER_NUMBER = Pattern.compile("(?i)DK-\\d{1,18}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,190}");

    private final CurrentUser currentUser;
    private final OrderConsole orders;
    private final UserAdministration users;
    private final ProductLookup products;

    SearchPage(CurrentUser currentUser, OrderConsole orders, UserAdministration users, ProductLookup products) {
        this.currentUser = currentUser;
        this.orders = orders;
        this.users = users;
        this.products = products;
    }

    @GetMapping("/admin/search")
    String search(@RequestParam(required = false) @Nullable String q, HttpServletResponse response, Model model) {
        AuthenticatedUser operator = currentUser.require();
        boolean admin = operator.isAdmin();
        String text = q == null ? "" : q.strip();
        model.addAttribute("q", text);
        model.addAttribute("consoleSearch", text);
        model.addAttribute("admin", admin);
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.people.search.title", null)));
        if (text.isEmpty()) {
            model.addAttribute("searched", false);
            return "admin/search";
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("searched", false);
            model.addAttribute("error", "console.people.search.error.long");
            return "admin/search";
        }
        List<OrderConsole.Row> foundOrders = List.of();
        if (ORDER_NUMBER.matcher(text).matches()) {
            String number = text.toUpperCase(Locale.ROOT);
            if (!ordersWhere(number, null).isEmpty()) {
                return "redirect:/admin/orders/" + UriUtils.encodePathSegment(number, StandardCharsets.UTF_8);
            }
        } else if (EMAIL.matcher(text).matches()) {
            foundOrders = ordersWhere(null, text);
        }
        List<ManagedUser> foundUsers = admin
                ? users.search(new UserQuery(text, null, null), 0, PER_GROUP).items()
                : List.of();
        List<ProductLookup.Row> foundProducts =
                products.find(text, admin ? null : operator.id().value(), PER_GROUP);
        model.addAttribute("searched", true);
        model.addAttribute("orders", foundOrders);
        model.addAttribute("users", foundUsers);
        model.addAttribute("products", foundProducts);
        model.addAttribute("empty", foundOrders.isEmpty() && foundUsers.isEmpty() && foundProducts.isEmpty());
        return "admin/search";
    }

    /** The newest orders the operator may see with this number or email (a seller: those with its products). */
    private List<OrderConsole.Row> ordersWhere(@Nullable String number, @Nullable String email) {
        OrderConsole.Filter filter = new OrderConsole.Filter(number, email, null, null, null, null);
        return orders.search(filter, OrderConsole.Sort.PLACED, true, 0, PER_GROUP)
                .items();
    }
}

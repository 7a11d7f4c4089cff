package app.dukkan.storefront.account;

import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserId;
import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.OrderStatus;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriUtils;

/** The signed-in shopper's orders: the history, one order, its receipt and return requests. */
@Controller
class OrderPages {

    static final String ORDERS = "storefront/account/orders";
    static final String ORDER = "storefront/account/order";
    static final int PAGE_SIZE = 10;
    private static final int MAX_PAGE = 100_000;
    private static final int MAX_REASON = 1000;

    private final CustomerOrders orders;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    OrderPages(CustomerOrders orders, CurrentUser currentUser, MessageSource messages) {
        this.orders = orders;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    @GetMapping("/account/orders")
    ModelAndView list(@RequestParam(defaultValue = "0") int page) {
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.notFound("page", page);
        }
        CustomerOrders.Page found = orders.list(user(), page, PAGE_SIZE);
        ModelAndView view = new ModelAndView(ORDERS);
        view.addObject("orders", found);
        view.addObject("hasNext", (long) (page + 1) * PAGE_SIZE < found.total());
        view.addObject(
                "crumbs", List.of(Crumb.key("account.title", "/account"), Crumb.key("account.orders.title", null)));
        view.addObject("section", "orders");
        return view;
    }

    @GetMapping("/account/orders/{number}")
    ModelAndView order(
            @PathVariable String number,
            @RequestParam(name = "return-requested", required = false) @Nullable String returnRequested,
            @RequestParam(name = "receipt-pending", required = false) @Nullable String receiptPending) {
        CustomerOrders.Detail order = detail(number);
        ModelAndView view = page(order, new Form(messages));
        view.addObject(
                "notice",
                returnRequested != null
                        ? "account.return.requested"
                        : receiptPending != null ? receiptNotice(order) : null);
        return view;
    }

    /** Why the receipt did not open: being made, or never (a cancelled order paid after its hold ran out). */
    static String receiptNotice(CustomerOrders.Detail order) {
        return order.status() == OrderStatus.CANCELLED ? "account.order.receipt-none" : "account.order.receipt-pending";
    }

    @PostMapping("/account/orders/{number}/returns")
    ModelAndView requestReturn(
            @PathVariable String number,
            @RequestParam(name = "line_id", defaultValue = "") String lineId,
            @RequestParam(defaultValue = "") String quantity,
            @RequestParam(defaultValue = "") String reason,
            HttpServletRequest request,
            HttpServletResponse response) {
        CustomerOrders.Detail order = detail(number);
        Form form = new Form(messages)
                .value("line_id", lineId)
                .value("quantity", quantity)
                .value("reason", reason);
        Optional<CustomerOrders.Line> line = parseId(lineId)
                .flatMap(id ->
                        order.lines().stream().filter(l -> l.id().equals(id)).findFirst());
        if (line.isEmpty()) {
            form.reject("line_id", "account.error.return-line");
        }
        int units = parseQuantity(quantity);
        if (units < 1) {
            form.reject("quantity", "account.error.return-quantity");
        } else if (line.isPresent() && units > line.get().returnableQuantity()) {
            form.reject("quantity", "account.error.return-too-many", line.get().returnableQuantity());
        }
        if (reason.isBlank()) {
            form.reject("reason", "account.error.return-reason");
        } else if (reason.length() > MAX_REASON) {
            form.reject("reason", "account.error.return-reason-long", MAX_REASON);
        }
        if (!order.returnable()) {
            form.fail(HttpStatus.CONFLICT, "account.error.return-not-possible");
        }
        if (form.isValid() && line.isPresent()) {
            try {
                orders.requestReturn(user(), number, line.get().id(), units, reason.strip());
                return Pages.seeOther(request, response, orderPath(number) + "?return-requested");
            } catch (ProblemException e) {
                if (e.status() == HttpStatus.CONFLICT) {
                    // asked back meanwhile (another tab): the page shows what is left
                    form.fail(HttpStatus.CONFLICT, "account.error.return-not-possible");
                } else {
                    form.refuse(e);
                }
            }
        }
        ModelAndView view = page(detail(number), form);
        if (Pages.htmx(request)) {
            view.setViewName(ORDER + " :: return-panel");
        }
        view.setStatus(Pages.htmx(request) ? HttpStatus.UNPROCESSABLE_CONTENT : form.status());
        return view;
    }

    /** A fresh signed link to the receipt's PDF; right after payment, while it is being made, the order page says so. */
    @GetMapping("/account/orders/{number}/receipt")
    ModelAndView receipt(@PathVariable String number, HttpServletRequest request, HttpServletResponse response) {
        Optional<CustomerOrders.ReceiptLink> link = orders.receipt(user(), number);
        if (link.isEmpty()) {
            return Pages.seeOther(request, response, orderPath(number) + "?receipt-pending");
        }
        // files are served without a language prefix
        return Pages.seeOtherAbsolute(request, response, link.get().path());
    }

    private CustomerOrders.Detail detail(String number) {
        return orders.find(user(), number).orElseThrow(() -> ProblemException.notFound("order", number));
    }

    private ModelAndView page(CustomerOrders.Detail order, Form returnForm) {
        ModelAndView view = new ModelAndView(ORDER);
        view.addObject("order", order);
        view.addObject("returnForm", returnForm);
        view.addObject(
                "crumbs",
                List.of(
                        Crumb.key("account.title", "/account"),
                        Crumb.key("account.orders.title", "/account/orders"),
                        Crumb.text(order.number(), null)));
        view.addObject("section", "orders");
        return view;
    }

    static String orderPath(String number) {
        return "/account/orders/" + UriUtils.encodePathSegment(number, java.nio.charset.StandardCharsets.UTF_8);
    }

    private UserId user() {
        return currentUser.require().id();
    }

    private static Optional<UUID> parseId(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int parseQuantity(String value) {
        if (!value.matches("[0-9]{1,5}")) {
            return -1;
        }
        return Integer.parseInt(value);
    }
}

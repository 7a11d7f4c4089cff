package app.dukkan.storefront.account;

import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.GuestOrders;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * A guest's order, read-only, for whoever opens the signed link of its mails ({@link GuestOrders}):
 * what the account's order page shows but returns, and the receipt. Nobody needs to be signed in; a
 * link that is not the shop's, or has expired, shows why and nothing of the order.
 */
@Controller
class GuestOrderPages {

    static final String ORDER = "storefront/account/guest-order";
    static final String REFUSED = "storefront/account/order-link";

    private final GuestOrders orders;

    GuestOrderPages(GuestOrders orders) {
        this.orders = orders;
    }

    @GetMapping("/orders/link/{token}")
    ModelAndView order(
            @PathVariable String token,
            @RequestParam(name = "receipt-pending", required = false) @Nullable String receiptPending) {
        CustomerOrders.Detail order;
        try {
            order = orders.find(token);
        } catch (ProblemException e) {
            return refused(e);
        }
        ModelAndView view = new ModelAndView(ORDER);
        view.addObject("order", order);
        view.addObject("token", token);
        view.addObject("crumbs", List.of(Crumb.text(order.number(), null)));
        view.addObject("notice", receiptPending != null ? OrderPages.receiptNotice(order) : null);
        return view;
    }

    /** A fresh signed link to the receipt's PDF; while it is being made, the order page says so. */
    @GetMapping("/orders/link/{token}/receipt")
    ModelAndView receipt(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        Optional<CustomerOrders.ReceiptLink> link;
        try {
            link = orders.receipt(token);
        } catch (ProblemException e) {
            return refused(e);
        }
        if (link.isEmpty()) {
            return Pages.seeOther(request, response, "/orders/link/" + token + "?receipt-pending");
        }
        // files are served without a language prefix
        return Pages.seeOtherAbsolute(request, response, link.get().path());
    }

    private static ModelAndView refused(ProblemException e) {
        String kind = switch (e.type()) {
            case "order-link-invalid" -> "invalid";
            case "order-link-expired" -> "expired";
            default -> throw e;
        };
        ModelAndView view = new ModelAndView(REFUSED);
        view.addObject("kind", kind);
        view.setStatus(e.status());
        return view;
    }
}

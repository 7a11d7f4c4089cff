package app.dukkan.storefront.checkout;

import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.Checkouts;
import app.dukkan.platform.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A payment link sent in a chat ({@code ChannelCheckouts}), opened in any browser: the browser is
 * granted the link's draft and goes on in the checkout's own pages, at the step the draft reached
 * (the review with its pay button, the payment, or the result once paid). Whoever is signed in and
 * whatever cart the browser has stay as they are. A link that is not the shop's or has expired
 * shows why, and grants nothing. Opening it holds no stock: the pay button does.
 */
@Controller
class PaymentLinkPages {

    private final Checkouts checkouts;

    PaymentLinkPages(Checkouts checkouts) {
        this.checkouts = checkouts;
    }

    @GetMapping("/checkout/link/{token}")
    String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        CheckoutDraft draft;
        try {
            draft = checkouts.openPaymentLink(token, request, response);
        } catch (ProblemException e) {
            String kind = switch (e.type()) {
                case "payment-link-invalid" -> "invalid";
                case "payment-link-expired" -> "expired";
                default -> throw e;
            };
            response.setStatus(e.status().value());
            model.addAttribute("kind", kind);
            return CheckoutPages.TEMPLATES + "link";
        }
        if (draft.orderStatus().isPlaced()) {
            return "redirect:/checkout/result/" + draft.id();
        }
        return "redirect:" + Wizard.resume(draft).path();
    }
}

package app.dukkan.storefront.checkout;

import app.dukkan.identity.CurrentUser;
import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.Checkouts;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.PaymentStart;
import app.dukkan.payments.BrowserPayments;
import app.dukkan.payments.CardOutcome;
import app.dukkan.payments.TestCardPayments;
import app.dukkan.platform.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The payment step and its result. With the built-in test provider the card form is the shop's
 * own page and its 3-D Secure step too; with Stripe the page shows Stripe's Payment Element for the
 * intent's client secret. The order is paid when the provider's event arrives (through the webhook
 * code), so the result page waits for it and looks again, with htmx by itself, without JavaScript
 * by a button. A form of an older revision of the draft (a replayed or second submit) pays nothing:
 * the shopper sees where the draft stands.
 */
@Controller
class PaymentPages {

    private static final Set<String> DECLINE_REASONS =
            Set.of("card_declined", "generic_decline", "insufficient_funds", "authentication");

    private final Checkouts checkouts;
    private final ObjectProvider<TestCardPayments> testCards;
    private final BrowserPayments browserPayments;
    private final CheckoutPages steps;
    private final CurrentUser currentUser;
    private final Clock clock;

    PaymentPages(
            Checkouts checkouts,
            ObjectProvider<TestCardPayments> testCards,
            BrowserPayments browserPayments,
            CheckoutPages steps,
            CurrentUser currentUser,
            Clock clock) {
        this.checkouts = checkouts;
        this.testCards = testCards;
        this.browserPayments = browserPayments;
        this.steps = steps;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @GetMapping("/checkout/payment")
    String payment(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<CheckoutDraft> current = checkouts.current(request, response);
        if (current.isEmpty() || !Wizard.reachable(Wizard.PAYMENT, current.get())) {
            return "redirect:/checkout";
        }
        CheckoutDraft draft = current.get();
        if (draft.orderStatus() != OrderStatus.AWAITING_PAYMENT) {
            // the last payment failed or was given up: its result page offers to try again
            return "redirect:/checkout/result/" + draft.id();
        }
        // the payment started holds what the draft had then: a cart changed since is reviewed first
        Optional<String> takenOver = steps.cartTakenOver(draft, request, response);
        if (takenOver.isPresent()) {
            return takenOver.get();
        }
        boolean requiresAction = "requires_action".equals(draft.paymentStatus());
        if (requiresAction && testCards.getIfAvailable() != null) {
            return "redirect:/checkout/payment/authenticate";
        }
        Optional<PaymentStart> payment = payment(draft, request, response);
        if (payment.isEmpty()) {
            return "redirect:/checkout/review";
        }
        // with Stripe, the page's script has Stripe.js take the bank's step (3-D Secure and the like)
        model.addAttribute("requiresAction", requiresAction);
        return paymentPage(draft, payment.get(), CardForm.empty(), Map.of(), null, model);
    }

    /** The test provider's card form: confirms the draft's payment with the card, then its result. */
    @PostMapping("/checkout/payment")
    String pay(
            @RequestParam(name = "draft_id", required = false) @Nullable String draftId,
            @RequestParam(required = false) @Nullable String revision,
            @RequestParam(name = "card_number", required = false) @Nullable String number,
            @RequestParam(required = false) @Nullable String expiry,
            @RequestParam(required = false) @Nullable String cvc,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        TestCardPayments cards = testCards.getIfAvailable();
        if (cards == null) {
            // Stripe takes the card in its own element; a form sent without it (no JavaScript) learns why
            return "redirect:/checkout/payment";
        }
        UUID id = CheckoutPages.requireId(draftId);
        CheckoutDraft draft = checkouts.find(id, request, response);
        if (draft.orderStatus() != OrderStatus.AWAITING_PAYMENT) {
            return "redirect:/checkout/result/" + id;
        }
        if (!Integer.toString(draft.revision()).equals(revision)) {
            return "redirect:/checkout/payment";
        }
        Optional<PaymentStart> payment = checkouts.startedPayment(id, request, response);
        if (payment.isEmpty()) {
            return "redirect:/checkout/payment";
        }
        CardForm card = CardForm.of(number, expiry, cvc);
        Map<String, String> problems = card.problems(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        if (!problems.isEmpty()) {
            response.setStatus(422);
            return paymentPage(
                    draft, payment.get(), card.withoutCvc(), problems, Notice.error("checkout.error.form"), model);
        }
        CardOutcome outcome;
        try {
            outcome = cards.confirm(Objects.requireNonNull(payment.get().clientSecret()), card.digits());
        } catch (ProblemException e) {
            if (e.type().equals("validation")) {
                response.setStatus(422);
                return paymentPage(
                        draft,
                        payment.get(),
                        card.withoutCvc(),
                        Map.of("card_number", "checkout.error.card-number"),
                        Notice.error("checkout.error.form"),
                        model);
            }
            // paid already (a second submit) or no longer this payment: the result says where it stands
            return "redirect:/checkout/result/" + id;
        }
        return afterCard(id, outcome);
    }

    /** The test provider's 3-D Secure step, as a page of the shop standing in for the bank's. */
    @GetMapping("/checkout/payment/authenticate")
    String authenticate(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<CheckoutDraft> current = checkouts.current(request, response);
        if (current.isEmpty() || testCards.getIfAvailable() == null) {
            return "redirect:/checkout";
        }
        CheckoutDraft draft = current.get();
        if (draft.orderStatus() != OrderStatus.AWAITING_PAYMENT) {
            return "redirect:/checkout/result/" + draft.id();
        }
        model.addAttribute("draft", draft);
        model.addAttribute("progress", Wizard.progress(Wizard.PAYMENT, draft));
        model.addAttribute("notice", null);
        model.addAttribute("problems", Map.of());
        return CheckoutPages.TEMPLATES + "authenticate";
    }

    @PostMapping("/checkout/payment/authenticate")
    String authenticated(
            @RequestParam(name = "draft_id", required = false) @Nullable String draftId,
            @RequestParam(required = false) @Nullable String revision,
            @RequestParam(required = false) @Nullable String approve,
            HttpServletRequest request,
            HttpServletResponse response) {
        UUID id = CheckoutPages.requireId(draftId);
        CheckoutDraft draft = checkouts.find(id, request, response);
        TestCardPayments cards = testCards.getIfAvailable();
        if (cards == null) {
            throw ProblemException.notFound("card form", "test");
        }
        if (draft.orderStatus() != OrderStatus.AWAITING_PAYMENT
                || !Integer.toString(draft.revision()).equals(revision)) {
            return "redirect:/checkout/result/" + id;
        }
        Optional<PaymentStart> payment = checkouts.startedPayment(id, request, response);
        if (payment.isEmpty()) {
            return "redirect:/checkout/result/" + id;
        }
        try {
            CardOutcome outcome = cards.authenticate(payment.get().clientSecret(), "true".equals(approve));
            return afterCard(
                    id,
                    outcome.status() == CardOutcome.Status.FAILED
                            ? new CardOutcome(CardOutcome.Status.FAILED, "authentication", outcome.message())
                            : outcome);
        } catch (ProblemException e) {
            return "redirect:/checkout/result/" + id;
        }
    }

    /** Tries again after a failed payment: a new payment of the draft as it is ({@code revision}). */
    @PostMapping("/checkout/payment/retry")
    String retry(
            @RequestParam(name = "draft_id", required = false) @Nullable String draftId,
            @RequestParam(required = false) @Nullable String revision,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        UUID id = CheckoutPages.requireId(draftId);
        CheckoutDraft draft = checkouts.find(id, request, response);
        if (draft.orderStatus().isPlaced()) {
            return "redirect:/checkout/result/" + id;
        }
        if (draft.orderStatus() == OrderStatus.AWAITING_PAYMENT) {
            return "redirect:/checkout/payment";
        }
        if (!Integer.toString(draft.revision()).equals(revision)) {
            return "redirect:/checkout/result/" + id;
        }
        return steps.startPayment(draft, request, response, model);
    }

    /**
     * Where a payment stands: paid (with the order's number), waiting for the provider (the page
     * looks again by itself with htmx, and offers a button without), declined (with a way to try
     * again), or cancelled. With htmx only the status answers, with the cart count out of band.
     */
    @GetMapping("/checkout/result/{id}")
    String result(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String declined,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        CheckoutDraft draft = checkouts.find(id, request, response);
        String state = state(draft);
        model.addAttribute("draft", draft);
        model.addAttribute("state", state);
        model.addAttribute("reason", declined != null && DECLINE_REASONS.contains(declined) ? declined : null);
        model.addAttribute("guest", currentUser.get().isEmpty());
        model.addAttribute("progress", Wizard.progress(Wizard.PAYMENT, draft));
        if (CheckoutPages.htmx(request)) {
            return CheckoutPages.TEMPLATES + "parts :: htmx-status";
        }
        return CheckoutPages.TEMPLATES + "result";
    }

    private static String state(CheckoutDraft draft) {
        return switch (draft.orderStatus()) {
            case PAID, FULFILLED -> "paid";
            case CANCELLED, REFUNDED -> "cancelled";
            case AWAITING_PAYMENT ->
                switch (String.valueOf(draft.paymentStatus())) {
                    case "requires_action" -> "action";
                    case "failed" -> "failed";
                    default -> "waiting";
                };
            case DRAFT -> "failed".equals(draft.paymentStatus()) ? "failed" : "unpaid";
        };
    }

    private static String afterCard(UUID id, CardOutcome outcome) {
        return switch (outcome.status()) {
            case SUCCEEDED -> "redirect:/checkout/result/" + id;
            case REQUIRES_ACTION -> "redirect:/checkout/payment/authenticate";
            case FAILED -> {
                String reason = outcome.declineCode() != null && DECLINE_REASONS.contains(outcome.declineCode())
                        ? outcome.declineCode()
                        : "card_declined";
                yield "redirect:/checkout/result/" + id + "?declined=" + reason;
            }
        };
    }

    /** The payment of the draft's current revision; started again (the same intent) if it was not attached. */
    private Optional<PaymentStart> payment(
            CheckoutDraft draft, HttpServletRequest request, HttpServletResponse response) {
        Optional<PaymentStart> started = checkouts.startedPayment(draft.id(), request, response);
        if (started.isPresent()) {
            return started;
        }
        try {
            return Optional.of(checkouts.startPayment(draft.id(), request, response));
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    private String paymentPage(
            CheckoutDraft draft,
            PaymentStart payment,
            CardForm card,
            Map<String, String> problems,
            @Nullable Notice notice,
            Model model) {
        model.addAttribute("payment", payment);
        model.addAttribute("card", card);
        model.addAttribute("problems", problems);
        model.addAttribute("stripe", browserPayments);
        model.addAttribute("testCards", testCards.getIfAvailable() != null);
        return steps.page(Wizard.PAYMENT, draft, notice, model);
    }
}

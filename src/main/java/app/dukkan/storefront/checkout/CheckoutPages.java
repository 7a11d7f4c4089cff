package app.dukkan.storefront.checkout;

import app.dukkan.checkout.Carts;
import app.dukkan.identity.CurrentUser;
import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.Checkouts;
import app.dukkan.orders.DraftChange;
import app.dukkan.orders.DraftDetails;
import app.dukkan.orders.OrderStatus;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Formats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The wizard's first steps: address (with the guest's email), shipping, review (coupon, accepting
 * what changed, starting the payment). Each step is a page of its own; a step the draft has not
 * reached sends the shopper to the one it has. Forms name the draft ({@code draft_id}) and, where
 * the shopper confirms what they saw, its {@code revision}: a draft of someone else is not found,
 * a form of an older revision changes nothing and shows the draft as it is now.
 */
@Controller
class CheckoutPages {

    static final String TEMPLATES = "storefront/checkout/";

    private final Checkouts checkouts;
    private final Carts carts;
    private final CurrentUser currentUser;
    private final Formats formats;

    CheckoutPages(Checkouts checkouts, Carts carts, CurrentUser currentUser, Formats formats) {
        this.checkouts = checkouts;
        this.carts = carts;
        this.currentUser = currentUser;
        this.formats = formats;
    }

    /**
     * Where checkout resumes: the draft, brought up to date with the cart first (the cart may have
     * changed since), at the step it reached; the address step without a draft or when the shop no
     * longer ships to its country; the cart when it is empty.
     */
    @GetMapping("/checkout")
    String resume(HttpServletRequest request, HttpServletResponse response) {
        // a payment link's draft is the checkout even in a browser whose own cart is empty
        Optional<CheckoutDraft> current = checkouts.current(request, response);
        if (current.isEmpty()) {
            return carts.view(request, response).itemCount() == 0
                    ? "redirect:/cart"
                    : "redirect:" + Wizard.ADDRESS.path();
        }
        CheckoutDraft draft = current.get();
        try {
            return "redirect:" + Wizard.resume(sync(draft, request, response)).path();
        } catch (ProblemException e) {
            return unsynced(e).orElse("redirect:" + Wizard.resume(draft).path());
        }
    }

    /** Brings the draft up to date with the cart (which may have changed since) and its own details. */
    private CheckoutDraft sync(CheckoutDraft draft, HttpServletRequest request, HttpServletResponse response) {
        String email = currentUser.get().isPresent() ? null : draft.email();
        return start(
                new DraftDetails(draft.address(), email, draft.shippingOption(), draft.couponCode()),
                request,
                response);
    }

    /**
     * Where a refused {@link #sync} leads: the cart when it is empty, the address step when the shop
     * no longer ships to the draft's country; empty when the step reached is to show the draft as it
     * stands, with what keeps it from being paid.
     */
    private static Optional<String> unsynced(ProblemException e) {
        return switch (e.type()) {
            case "cart-empty" -> Optional.of("redirect:/cart");
            case "shipping-unavailable" -> Optional.of("redirect:" + Wizard.ADDRESS.path());
            default -> Optional.empty();
        };
    }

    /** Whether the draft's cart changed since the draft was made (the draft's change {@code cart_changed}). */
    private static boolean cartChanged(CheckoutDraft draft) {
        return draft.changes().stream().anyMatch(change -> change.kind().equals("cart_changed"));
    }

    // --- address

    @GetMapping("/checkout/address")
    String address(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<CheckoutDraft> draft = checkouts.current(request, response);
        if (draft.isEmpty() && carts.view(request, response).itemCount() == 0) {
            return "redirect:/cart";
        }
        AddressForm form = draft.map(AddressForm::of).orElseGet(AddressForm::empty);
        if (draft.filter(CheckoutPages::unshipped).isPresent()) {
            return addressPage(
                    draft.get(),
                    form,
                    Map.of("country", "checkout.error.country.not-shipped"),
                    Notice.error("checkout.change.shipping"),
                    model);
        }
        return addressPage(draft.orElse(null), form, Map.of(), null, model);
    }

    @PostMapping("/checkout/address")
    String saveAddress(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String line1,
            @RequestParam(required = false) @Nullable String line2,
            @RequestParam(required = false) @Nullable String city,
            @RequestParam(name = "postal_code", required = false) @Nullable String postalCode,
            @RequestParam(required = false) @Nullable String country,
            @RequestParam(required = false) @Nullable String phone,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        boolean guest = currentUser.get().isEmpty();
        AddressForm form = AddressForm.of(email, name, line1, line2, city, postalCode, country, phone);
        CheckoutDraft before = checkouts.current(request, response).orElse(null);
        Map<String, String> problems = form.problems(guest);
        if (!problems.isEmpty()) {
            response.setStatus(422);
            return addressPage(before, form, problems, Notice.error("checkout.error.form"), model);
        }
        boolean sameCountry = before != null && before.address().country().equals(form.country());
        DraftDetails details = new DraftDetails(
                form.address(),
                guest ? form.email() : null,
                sameCountry ? before.shippingOption() : null,
                before == null ? null : before.couponCode());
        try {
            start(details, request, response);
        } catch (ProblemException e) {
            if (e.type().equals("cart-empty")) {
                return "redirect:/cart";
            }
            response.setStatus(422);
            return addressPage(before, form, fieldProblems(e), Notice.error("checkout.error.form"), model);
        }
        return "redirect:" + Wizard.SHIPPING.path();
    }

    private String addressPage(
            @Nullable CheckoutDraft draft,
            AddressForm form,
            Map<String, String> problems,
            @Nullable Notice notice,
            Model model) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("guest", currentUser.get().isEmpty());
        model.addAttribute("accountEmail", currentUser.get().map(u -> u.email()).orElse(""));
        return page(Wizard.ADDRESS, draft, notice, model);
    }

    // --- shipping

    @GetMapping("/checkout/shipping")
    String shipping(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<CheckoutDraft> draft = checkouts.current(request, response);
        if (draft.isEmpty()) {
            return "redirect:/checkout";
        }
        model.addAttribute("chosen", draft.get().shippingOption());
        return page(Wizard.SHIPPING, draft.get(), null, model);
    }

    @PostMapping("/checkout/shipping")
    String chooseShipping(
            @RequestParam(name = "draft_id", required = false) @Nullable String draftId,
            @RequestParam(name = "shipping_option", required = false) @Nullable String option,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        UUID id = requireId(draftId);
        if (option == null || option.isBlank() || option.length() > 40) {
            CheckoutDraft draft = checkouts.find(id, request, response);
            response.setStatus(422);
            model.addAttribute("chosen", draft.shippingOption());
            model.addAttribute("problems", Map.of("shipping_option", "checkout.error.shipping"));
            return page(Wizard.SHIPPING, draft, Notice.error("checkout.error.form"), model);
        }
        try {
            checkouts.change(id, DraftChange.shipping(option), request, response);
        } catch (ProblemException e) {
            if (e.type().equals("order-already-placed")) {
                return "redirect:/checkout/result/" + id;
            }
            if (!names(e, "shipping_option")) {
                throw e;
            }
            CheckoutDraft draft = checkouts.find(id, request, response);
            response.setStatus(422);
            model.addAttribute("chosen", draft.shippingOption());
            model.addAttribute("problems", Map.of("shipping_option", "checkout.error.shipping"));
            return page(Wizard.SHIPPING, draft, Notice.error("checkout.error.form"), model);
        }
        return "redirect:" + Wizard.REVIEW.path();
    }

    // --- review

    @GetMapping("/checkout/review")
    String review(
            @RequestParam(required = false) @Nullable String notice,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<CheckoutDraft> draft = checkouts.current(request, response);
        if (draft.isEmpty() || !Wizard.reachable(Wizard.REVIEW, draft.get())) {
            return "redirect:/checkout";
        }
        if (unshipped(draft.get())) {
            return "redirect:" + Wizard.ADDRESS.path();
        }
        CheckoutDraft reviewed = draft.get();
        if (cartChanged(reviewed)) {
            // the cart was edited since (its edit links lead there): the review shows what it holds now
            try {
                reviewed = sync(reviewed, request, response);
            } catch (ProblemException e) {
                Optional<String> elsewhere = unsynced(e);
                if (elsewhere.isPresent()) {
                    return elsewhere.get();
                }
            }
        }
        Notice shown = "changed".equals(notice) ? Notice.warning("checkout.notice.changed") : null;
        return reviewPage(reviewed, shown, request, model);
    }

    /** Applies a coupon, or removes it ({@code coupon_code} empty); with htmx the review's body answers. */
    @PostMapping("/checkout/review/coupon")
    String coupon(
            @RequestParam(name = "draft_id", required = false) @Nullable String draftId,
            @RequestParam(name = "coupon_code", required = false) @Nullable String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        UUID id = requireId(draftId);
        String typed = code == null ? "" : code.strip();
        if (typed.length() > 64) {
            return couponRefused(id, typed, "checkout.error.coupon", request, response, model);
        }
        CheckoutDraft draft;
        try {
            draft = checkouts.change(id, DraftChange.coupon(typed), request, response);
        } catch (ProblemException e) {
            if (e.type().equals("order-already-placed")) {
                return "redirect:/checkout/result/" + id;
            }
            if (!names(e, "coupon_code")) {
                throw e;
            }
            return couponRefused(id, typed, couponProblem(e), request, response, model);
        }
        if (!htmx(request)) {
            return "redirect:" + Wizard.REVIEW.path();
        }
        Notice notice = typed.isEmpty()
                ? Notice.success("checkout.coupon.removed")
                : Notice.success("checkout.coupon.applied", typed);
        return reviewPage(draft, notice, request, model);
    }

    private String couponRefused(
            UUID id,
            String typed,
            String problem,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        CheckoutDraft draft = checkouts.find(id, request, response);
        response.setStatus(422);
        model.addAttribute("couponTyped", typed);
        model.addAttribute("problems", Map.of("coupon_code", problem));
        return reviewPage(draft, null, request, model);
    }

    /**
     * Where a form sent from the review goes instead when the draft is no longer what the shopper
     * reviewed: the result of a draft already paid, or the review again when it changed since.
     */
    private static Optional<String> notAsShown(CheckoutDraft draft, @Nullable String revision) {
        if (draft.orderStatus().isPlaced()) {
            return Optional.of("redirect:/checkout/result/" + draft.id());
        }
        if (!Integer.toString(draft.revision()).equals(revision)) {
            return Optional.of("redirect:/checkout/review?notice=changed");
        }
        return Optional.empty();
    }

    /** Takes the shop's current prices and stock for the draft the shopper saw ({@code revision}). */
    @PostMapping("/checkout/review/accept")
    String accept(
            @RequestParam(name = "draft_id", required = false) @Nullable String draftId,
            @RequestParam(required = false) @Nullable String revision,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        UUID id = requireId(draftId);
        CheckoutDraft draft = checkouts.find(id, request, response);
        Optional<String> elsewhere = notAsShown(draft, revision);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        try {
            draft = checkouts.change(id, DraftChange.acceptingChanges(), request, response);
        } catch (ProblemException e) {
            String to = switch (e.type()) {
                case "cart-empty" -> "/cart";
                // no accepting makes a country the shop does not ship to shippable
                case "shipping-unavailable" -> Wizard.ADDRESS.path();
                default -> throw e;
            };
            if (htmx(request)) {
                response.setHeader("HX-Redirect", request.getContextPath() + to);
            }
            return "redirect:" + to;
        }
        if (!htmx(request)) {
            return "redirect:" + Wizard.REVIEW.path();
        }
        return reviewPage(draft, Notice.success("checkout.notice.accepted"), request, model);
    }

    /**
     * Starts paying the draft as the shopper reviewed it ({@code revision}): its stock and coupon
     * are held, and the payment page follows. What changed meanwhile (stock gone, prices) shows on
     * the review again, with 409, and nothing is held; a cart changed meanwhile (in another window)
     * is taken over first and the review shown again ({@link #cartTakenOver}).
     */
    @PostMapping("/checkout/review")
    String pay(
            @RequestParam(name = "draft_id", required = false) @Nullable String draftId,
            @RequestParam(required = false) @Nullable String revision,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        UUID id = requireId(draftId);
        CheckoutDraft draft = checkouts.find(id, request, response);
        Optional<String> elsewhere = notAsShown(draft, revision);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        Optional<String> takenOver = cartTakenOver(draft, request, response);
        if (takenOver.isPresent()) {
            return takenOver.get();
        }
        return startPayment(draft, request, response, model);
    }

    /**
     * Takes over a cart changed since the draft was made (in another window) before anything is
     * paid: where the shopper goes then, the review again (what they would pay changed), or the
     * cart or address step when the draft cannot take it over; empty when nothing changed.
     */
    Optional<String> cartTakenOver(CheckoutDraft draft, HttpServletRequest request, HttpServletResponse response) {
        if (!cartChanged(draft)) {
            return Optional.empty();
        }
        try {
            return sync(draft, request, response).revision() == draft.revision()
                    ? Optional.empty()
                    : Optional.of("redirect:/checkout/review?notice=changed");
        } catch (ProblemException e) {
            // otherwise the payment's start refuses the draft as it stands, and the review says why
            return unsynced(e);
        }
    }

    /** Starts the payment of the draft and goes to the payment page; a refusal shows on the review. */
    String startPayment(CheckoutDraft draft, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            if (checkouts.startPayment(draft.id(), request, response).placedWithoutPayment()) {
                return "redirect:/checkout/result/" + draft.id();
            }
        } catch (ProblemException e) {
            Notice notice = switch (e.type()) {
                case "out-of-stock" -> Notice.error("checkout.refused.stock");
                case "draft-changed" -> Notice.error("checkout.refused.changed");
                case "coupon-unavailable" -> Notice.error("checkout.refused.coupon");
                case "order-already-placed" -> null;
                case "hold-limit-reached", "too-many-holds" -> Notice.error("checkout.refused.holds");
                case "amount-too-small" -> Notice.error("checkout.refused.minimum");
                default -> {
                    if (e.status().is5xxServerError()) {
                        yield Notice.error("checkout.refused.provider");
                    }
                    throw e;
                }
            };
            if (notice == null) {
                return "redirect:/checkout/result/" + draft.id();
            }
            if (e.retryAfter() != null) {
                response.setHeader("Retry-After", Long.toString(e.retryAfter().toSeconds()));
            }
            response.setStatus(e.status().value());
            return reviewPage(checkouts.find(draft.id(), request, response), notice, request, model);
        }
        return "redirect:" + Wizard.PAYMENT.path();
    }

    String reviewPage(CheckoutDraft draft, @Nullable Notice notice, HttpServletRequest request, Model model) {
        model.addAttribute("changes", Changes.of(draft, formats));
        if (!model.containsAttribute("couponTyped")) {
            model.addAttribute("couponTyped", draft.couponCode() == null ? "" : draft.couponCode());
        }
        model.addAttribute("guest", currentUser.get().isEmpty());
        String view = page(Wizard.REVIEW, draft, notice, model);
        return htmx(request) ? TEMPLATES + "review :: review-body" : view;
    }

    // --- shared

    /** Whether the shop no longer ships to the draft's country: only another address helps. */
    static boolean unshipped(CheckoutDraft draft) {
        return draft.changes().stream().anyMatch(change -> change.kind().equals("shipping_unavailable"));
    }

    /** Starts or refreshes the draft; a coupon or shipping option that no longer applies is let go. */
    private CheckoutDraft start(DraftDetails details, HttpServletRequest request, HttpServletResponse response) {
        try {
            return checkouts.start(details, request, response);
        } catch (ProblemException e) {
            boolean coupon = e.errors().stream().anyMatch(f -> f.field().equals("coupon_code"));
            boolean shipping = e.errors().stream().anyMatch(f -> f.field().equals("shipping_option"));
            if (!coupon && !shipping) {
                throw e;
            }
            return checkouts.start(
                    new DraftDetails(
                            details.address(),
                            details.email(),
                            shipping ? null : details.shippingOption(),
                            coupon ? null : details.couponCode()),
                    request,
                    response);
        }
    }

    /** Whether the refusal is about that field. */
    static boolean names(ProblemException e, String field) {
        return e.errors().stream().anyMatch(f -> f.field().equals(field));
    }

    /** Why a coupon cannot be used, as the review says it. */
    private static String couponProblem(ProblemException e) {
        return switch (e.type()) {
            case "coupon-unknown" -> "checkout.error.coupon.unknown";
            case "coupon-inactive" -> "checkout.error.coupon.inactive";
            case "coupon-not-yet-valid" -> "checkout.error.coupon.not-yet-valid";
            case "coupon-expired" -> "checkout.error.coupon.expired";
            case "coupon-used-up" -> "checkout.error.coupon.used-up";
            case "coupon-already-used" -> "checkout.error.coupon.already-used";
            case "coupon-minimum-not-met" -> "checkout.error.coupon.minimum";
            default -> "checkout.error.coupon";
        };
    }

    /** The API's field problems as the form's fields and message keys. */
    private static Map<String, String> fieldProblems(ProblemException e) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        for (ProblemException.FieldProblem field : e.errors()) {
            switch (field.field()) {
                case "address.country" -> problems.put("country", "checkout.error.country.not-shipped");
                case "email" -> problems.put("email", "checkout.error.email.invalid");
                case "address.postal_code" -> problems.put("postal_code", "checkout.error.postal-code");
                case "address.phone" -> problems.put("phone", "checkout.error.phone");
                default -> problems.putIfAbsent("form", "checkout.error.generic");
            }
        }
        if (problems.isEmpty()) {
            problems.put("form", "checkout.error.generic");
        }
        return problems;
    }

    /** The model every step page shares, and its template. */
    String page(Wizard step, @Nullable CheckoutDraft draft, @Nullable Notice notice, Model model) {
        model.addAttribute("step", step.code());
        model.addAttribute("draft", draft);
        model.addAttribute("progress", Wizard.progress(step, draft));
        model.addAttribute("notice", notice);
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        return TEMPLATES + step.code();
    }

    static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    /** A draft id from a form; anything else names no draft (404). */
    static UUID requireId(@Nullable String value) {
        if (value != null && value.length() == 36) {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                // not found, below
            }
        }
        throw ProblemException.notFound("order draft", "?");
    }

    static boolean open(CheckoutDraft draft) {
        return draft.orderStatus() == OrderStatus.DRAFT || draft.orderStatus() == OrderStatus.AWAITING_PAYMENT;
    }
}

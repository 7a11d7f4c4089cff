package app.dukkan.orders.draft;

import app.dukkan.identity.limits.RateLimit;
import app.dukkan.identity.limits.RateLimits;
import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.Checkouts;
import app.dukkan.orders.DraftChange;
import app.dukkan.orders.DraftDetails;
import app.dukkan.orders.PaymentStart;
import app.dukkan.platform.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * {@link Checkouts} for the JSON API and the shop's pages: who is buying comes from the request. A
 * draft the request's payment grant names is acted on as its guest's, whoever is signed in.
 */
@Service
class DraftCheckouts implements Checkouts {

    private final Drafts drafts;
    private final PaymentStarts payments;
    private final PaymentGrants grants;
    private final RateLimit coupons;

    DraftCheckouts(
            Drafts drafts,
            PaymentStarts payments,
            PaymentGrants grants,
            RateLimits limits,
            OrdersProperties properties) {
        this.drafts = drafts;
        this.payments = payments;
        this.grants = grants;
        this.coupons = limits.limit("coupon", properties.couponsPerClient(), properties.couponsWindow());
    }

    /**
     * A draft that names a coupon counts against its client address's coupon budget: each answer
     * tells whether a code exists, and for once-per-customer codes whether an email has used it.
     * The code the draft holds already, for the same email, tells nothing new: resuming the checkout
     * or changing the address re-prices it without counting.
     */
    private void countCoupon(
            @Nullable String code,
            @Nullable String email,
            Supplier<Optional<CheckoutDraft>> current,
            HttpServletRequest request) {
        if (code == null || code.isBlank()) {
            return;
        }
        boolean held = current.get()
                .filter(draft -> code.strip().equalsIgnoreCase(draft.couponCode()))
                .filter(draft -> email == null || email.strip().equalsIgnoreCase(draft.email()))
                .isPresent();
        if (!held) {
            coupons.acquire(Drafts.client(request));
        }
    }

    /**
     * While the request holds the grant of an unpaid draft, that draft is the browser's checkout: the
     * details change it, and no draft of the browser's own cart is made or changed.
     */
    @Override
    public CheckoutDraft start(DraftDetails details, HttpServletRequest request, HttpServletResponse response) {
        countCoupon(details.couponCode(), details.email(), () -> current(request, response), request);
        Optional<UUID> granted = grants.granted(request);
        if (granted.isPresent()) {
            Buyer grantee = Buyer.granted(granted.get(), request);
            if (drafts.open(granted.get(), grantee).isPresent()) {
                return drafts.update(
                        granted.get(),
                        new DraftChange(
                                details.address(),
                                details.email(),
                                details.shippingOption(),
                                details.couponCode() == null ? "" : details.couponCode(),
                                null),
                        grantee);
            }
        }
        return drafts.create(details, drafts.buyer(request, response));
    }

    /** The granted draft while it is unpaid, else the open draft of the caller's cart. */
    @Override
    public Optional<CheckoutDraft> current(HttpServletRequest request, HttpServletResponse response) {
        Optional<UUID> granted = grants.granted(request);
        if (granted.isPresent()) {
            Optional<CheckoutDraft> draft = drafts.open(granted.get(), Buyer.granted(granted.get(), request));
            if (draft.isPresent()) {
                return draft;
            }
        }
        return drafts.current(drafts.buyer(request, response));
    }

    @Override
    public CheckoutDraft find(UUID draftId, HttpServletRequest request, HttpServletResponse response) {
        return drafts.view(draftId, buyer(draftId, request, response));
    }

    @Override
    public CheckoutDraft change(
            UUID draftId, DraftChange change, HttpServletRequest request, HttpServletResponse response) {
        countCoupon(
                change.couponCode(),
                change.email(),
                () -> Optional.of(drafts.view(draftId, buyer(draftId, request, response))),
                request);
        return drafts.update(draftId, change, buyer(draftId, request, response));
    }

    @Override
    public PaymentStart startPayment(UUID draftId, HttpServletRequest request, HttpServletResponse response) {
        return payments.start(draftId, buyer(draftId, request, response));
    }

    @Override
    public Optional<PaymentStart> startedPayment(
            UUID draftId, HttpServletRequest request, HttpServletResponse response) {
        return payments.started(draftId, buyer(draftId, request, response));
    }

    @Override
    public CheckoutDraft openPaymentLink(String token, HttpServletRequest request, HttpServletResponse response) {
        UUID draftId = grants.draftOf(token);
        CheckoutDraft draft;
        try {
            draft = drafts.view(draftId, Buyer.granted(draftId, request));
        } catch (ProblemException e) {
            if (!e.type().equals("not-found")) {
                throw e;
            }
            // signed by this shop, yet its draft is gone: as good as no link
            throw grants.invalid();
        }
        grants.grant(draftId, response);
        return draft;
    }

    /** The draft's guest when the request holds its grant, else whoever sends the request. */
    private Buyer buyer(UUID draftId, HttpServletRequest request, HttpServletResponse response) {
        return grants.granted(request)
                .filter(draftId::equals)
                .map(granted -> Buyer.granted(granted, request))
                .orElseGet(() -> drafts.buyer(request, response));
    }
}

package app.dukkan.orders.draft;

import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.Checkouts;
import app.dukkan.orders.DraftChange;
import app.dukkan.orders.DraftDetails;
import app.dukkan.orders.PaymentStart;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** {@link Checkouts} for the JSON API and the shop's pages: who is buying comes from the request. */
@Service
class DraftCheckouts implements Checkouts {

    private final Drafts drafts;
    private final PaymentStarts payments;

    DraftCheckouts(Drafts drafts, PaymentStarts payments) {
        this.drafts = drafts;
        this.payments = payments;
    }

    @Override
    public CheckoutDraft start(DraftDetails details, HttpServletRequest request, HttpServletResponse response) {
        return drafts.create(details, drafts.buyer(request, response));
    }

    @Override
    public Optional<CheckoutDraft> current(HttpServletRequest request, HttpServletResponse response) {
        return drafts.current(drafts.buyer(request, response));
    }

    @Override
    public CheckoutDraft find(UUID draftId, HttpServletRequest request, HttpServletResponse response) {
        return drafts.view(draftId, drafts.buyer(request, response));
    }

    @Override
    public CheckoutDraft change(
            UUID draftId, DraftChange change, HttpServletRequest request, HttpServletResponse response) {
        return drafts.update(draftId, change, drafts.buyer(request, response));
    }

    @Override
    public PaymentStart startPayment(UUID draftId, HttpServletRequest request, HttpServletResponse response) {
        return payments.start(draftId, drafts.buyer(request, response));
    }

    @Override
    public Optional<PaymentStart> startedPayment(
            UUID draftId, HttpServletRequest request, HttpServletResponse response) {
        return payments.started(draftId, drafts.buyer(request, response));
    }
}

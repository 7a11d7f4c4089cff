package app.dukkan.storefront.checkout;

import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.CheckoutStep;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The wizard's steps, which of them a draft has reached, and the progress indicator's entries. */
enum Wizard {
    ADDRESS("/checkout/address"),
    SHIPPING("/checkout/shipping"),
    REVIEW("/checkout/review"),
    PAYMENT("/checkout/payment");

    /** One entry of the progress indicator: a link to a reached step, the current one marked. */
    record Entry(String code, String href, boolean reachable, boolean current, boolean done) {
        public String labelKey() {
            return "checkout.step." + code;
        }
    }

    private final String path;

    Wizard(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The furthest step the draft allows (the address step without a draft). */
    static Wizard reached(@Nullable CheckoutDraft draft) {
        if (draft == null) {
            return ADDRESS;
        }
        return switch (draft.step()) {
            case SHIPPING -> SHIPPING;
            case REVIEW -> REVIEW;
            case PAYMENT, DONE -> PAYMENT;
        };
    }

    static boolean reachable(Wizard step, @Nullable CheckoutDraft draft) {
        return step.ordinal() <= reached(draft).ordinal();
    }

    static List<Entry> progress(Wizard current, @Nullable CheckoutDraft draft) {
        Wizard reached = reached(draft);
        List<Entry> entries = new ArrayList<>();
        for (Wizard step : values()) {
            boolean reachable = step.ordinal() <= reached.ordinal();
            entries.add(
                    new Entry(step.code(), step.path, reachable, step == current, step.ordinal() < current.ordinal()));
        }
        return entries;
    }

    /** Where {@code GET /checkout} resumes. */
    static Wizard resume(CheckoutDraft draft) {
        return draft.step() == CheckoutStep.SHIPPING ? SHIPPING : reached(draft);
    }
}

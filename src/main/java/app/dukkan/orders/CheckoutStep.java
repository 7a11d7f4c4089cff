package app.dukkan.orders;

/**
 * How far the checkout of a draft got, as the shop's pages walk it: a new or changed address needs
 * a shipping choice ({@code SHIPPING}), a confirmed choice leads to the order's last look before
 * paying ({@code REVIEW}, the page {@code /checkout/review}; nothing to do with product reviews), a
 * started payment waits on the payment page ({@code PAYMENT}), and a paid or otherwise closed order
 * shows its result ({@code DONE}). Kept with the draft, so a refresh or a second tab resumes at the
 * same step.
 */
public enum CheckoutStep {
    SHIPPING,
    REVIEW,
    PAYMENT,
    DONE
}

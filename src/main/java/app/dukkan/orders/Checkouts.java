package app.dukkan.orders;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;

/**
 * Checkout of the caller's cart, for the JSON API and the shop's pages alike. The caller is whoever
 * sends the request: a signed-in customer, or a guest known by the cart cookie, and also the holder of
 * an opened payment link for that link's draft ({@link #openPaymentLink}). A draft of someone else is
 * not found (404), whatever its id.
 *
 * <p>Every method that fails throws {@link app.dukkan.platform.ProblemException} with the API's
 * problem types and changes nothing then.
 */
public interface Checkouts {

    /**
     * Starts the draft of the caller's cart, or brings the cart's open draft up to date with the
     * cart and these details (the same again changes nothing). A new draft, or one whose address
     * moved to another country, is at {@link CheckoutStep#SHIPPING}. A new draft, or a new email,
     * records the buyer's {@code processing} consent in the draft's transaction. While the caller
     * holds the grant of an unpaid draft ({@link #openPaymentLink}), the details change that draft
     * instead.
     *
     * @throws app.dukkan.platform.ProblemException 409 {@code cart-empty}, 400 naming {@code email}
     *     for a guest without one, {@code address.country}, {@code shipping_option} or {@code
     *     coupon_code}
     */
    CheckoutDraft start(DraftDetails details, HttpServletRequest request, HttpServletResponse response);

    /** The open draft (not yet paid) of the caller's cart, checked against the shop as it is now. */
    Optional<CheckoutDraft> current(HttpServletRequest request, HttpServletResponse response);

    /** One of the caller's drafts (paid ones too), checked against the shop while it is not paid. */
    CheckoutDraft find(UUID draftId, HttpServletRequest request, HttpServletResponse response);

    /**
     * Changes one of the caller's drafts. Choosing a shipping option moves its checkout step on to
     * {@link CheckoutStep#REVIEW}; an address in another country back to {@link CheckoutStep#SHIPPING}.
     * A new email records the buyer's {@code processing} consent for it, as {@link #start} does.
     */
    CheckoutDraft change(UUID draftId, DraftChange change, HttpServletRequest request, HttpServletResponse response);

    /**
     * Starts paying one of the caller's drafts: holds its stock and coupon use and creates the
     * provider's intent; the same content again answers the same intent and holds no longer.
     *
     * @throws app.dukkan.platform.ProblemException 409 {@code out-of-stock}, {@code coupon-unavailable},
     *     {@code draft-changed}, {@code order-already-placed}, {@code hold-limit-reached}, 429 {@code
     *     too-many-holds}, 502/503 when the provider fails
     */
    PaymentStart startPayment(UUID draftId, HttpServletRequest request, HttpServletResponse response);

    /**
     * Opens a payment link of {@link ChannelCheckouts#paymentLink}: grants the caller's browser that one
     * draft for a while (a cookie scoped to the checkout's pages), so that the methods here find it and
     * {@link #current} answers it while it is unpaid; the caller's own cart and drafts stay as they
     * are. Answers the draft.
     *
     * @throws app.dukkan.platform.ProblemException 404 {@code payment-link-invalid} for a token this shop
     *     did not sign (or a draft that is gone), 410 {@code payment-link-expired}; nothing is granted
     */
    CheckoutDraft openPaymentLink(String token, HttpServletRequest request, HttpServletResponse response);

    /**
     * The payment started for the current content of one of the caller's drafts, if it is waiting
     * for one; never starts a payment.
     */
    Optional<PaymentStart> startedPayment(UUID draftId, HttpServletRequest request, HttpServletResponse response);
}

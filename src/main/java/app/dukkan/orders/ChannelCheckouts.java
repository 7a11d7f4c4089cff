package app.dukkan.orders;

import java.util.Locale;
import java.util.UUID;

/**
 * Checkout of a channel's cart ({@link app.dukkan.checkout.ChannelCarts}, a WhatsApp chat), addressed
 * by ids instead of a request: the same drafts, prices, coupons, stock holds and payment as the shop's
 * pages ({@link Checkouts}). The draft is a guest's: the email is required, the address carries the
 * phone, which is stored as E.164 ({@code +} and digits) so that {@link PhoneOrders} finds the order.
 * The customer pays in a browser through {@link #paymentLink}. A draft of another cart, or a cart
 * that is not a channel's, is not found (404).
 *
 * <p>Every method that fails throws {@link app.dukkan.platform.ProblemException} with the API's
 * problem types and changes nothing then.
 */
public interface ChannelCheckouts {

    /**
     * Starts the draft of the channel cart, or brings its open draft up to date with the cart and these
     * details, as {@link Checkouts#start} does.
     *
     * @throws app.dukkan.platform.ProblemException 404 for a cart that is not a channel's, 409 {@code
     *     cart-empty}, 400 {@code validation} naming {@code email} (required), {@code address.phone}
     *     (required, a phone number), any other invalid field, {@code address.country}, {@code
     *     shipping_option} or {@code coupon_code}
     */
    CheckoutDraft start(UUID cartId, DraftDetails details);

    /** The cart's draft (paid ones too), checked against the shop while it is not paid. */
    CheckoutDraft find(UUID draftId, UUID cartId);

    /** Changes the cart's draft, as {@link Checkouts#change} does; a new address needs its phone too. */
    CheckoutDraft change(UUID draftId, UUID cartId, DraftChange change);

    /**
     * A link that opens the payment of the draft in any browser, signed and valid {@code
     * dukkan.orders.channel.payment-link-lifetime} (24 h): the draft's review with its pay button,
     * then the payment page, or its result once paid. Asking for the link settles the shipping
     * choice the draft has (the cheapest unless one was chosen). The pages speak {@code language}
     * when the shop has it (en, de, ar), else English.
     *
     * @throws app.dukkan.platform.ProblemException 404 for a draft of another cart
     */
    PaymentLink paymentLink(UUID draftId, UUID cartId, Locale language);
}

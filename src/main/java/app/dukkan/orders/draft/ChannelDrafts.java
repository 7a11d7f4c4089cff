package app.dukkan.orders.draft;

import app.dukkan.checkout.Address;
import app.dukkan.checkout.ChannelCarts;
import app.dukkan.orders.ChannelCheckouts;
import app.dukkan.orders.ChatPhoneLinked;
import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.DraftChange;
import app.dukkan.orders.DraftDetails;
import app.dukkan.orders.PaymentLink;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.domain.Phones;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.Consents;
import jakarta.validation.Validator;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * {@link ChannelCheckouts} on the drafts of the shop's pages: the buyer is the guest of the channel
 * cart. Values are validated here as the API's controllers do, since no controller stands between.
 */
@Service
class ChannelDrafts implements ChannelCheckouts {

    /** Where a payment started from a chat is counted against holds per client address. */
    private static final String CLIENT = "channel";

    private final Drafts drafts;
    private final ChannelCarts carts;
    private final PaymentGrants grants;
    private final Validator validator;
    private final OrderRepository orders;
    private final ApplicationEventPublisher events;

    ChannelDrafts(
            Drafts drafts,
            ChannelCarts carts,
            PaymentGrants grants,
            Validator validator,
            OrderRepository orders,
            ApplicationEventPublisher events) {
        this.orders = orders;
        this.events = events;
        this.drafts = drafts;
        this.carts = carts;
        this.grants = grants;
        this.validator = validator;
    }

    @Override
    public CheckoutDraft start(UUID cartId, DraftDetails details) {
        ProblemException.requireValid(validator.validate(details));
        if (details.email() == null) {
            throw ProblemException.invalid("email", "required for guest checkout");
        }
        Address address = withPhone(details.address());
        if (!carts.exists(cartId)) {
            throw ProblemException.notFound("cart", cartId);
        }
        CheckoutDraft draft = drafts.create(
                new DraftDetails(address, details.email(), details.shippingOption(), details.couponCode()),
                buyer(cartId));
        // the chat's customer writes from this number: the order is theirs to look up by it
        orders.placedFromChat(draft.id(), address.phone());
        events.publishEvent(new ChatPhoneLinked(address.phone()));
        return draft;
    }

    @Override
    public CheckoutDraft find(UUID draftId, UUID cartId) {
        return drafts.view(draftId, buyer(cartId));
    }

    @Override
    public CheckoutDraft change(UUID draftId, UUID cartId, DraftChange change) {
        ProblemException.requireValid(validator.validate(change));
        DraftChange normalized = change.address() == null
                ? change
                : new DraftChange(
                        withPhone(change.address()),
                        change.email(),
                        change.shippingOption(),
                        change.couponCode(),
                        change.acceptChanges());
        return drafts.update(draftId, normalized, buyer(cartId));
    }

    @Override
    public PaymentLink paymentLink(UUID draftId, UUID cartId, Locale language) {
        drafts.readyToPay(draftId, buyer(cartId));
        drafts.spokenIn(draftId, language);
        return grants.link(draftId, language);
    }

    private static Buyer buyer(UUID cartId) {
        // the chat's language is the payment link's (see paymentLink)
        return new Buyer(null, cartId, null, CLIENT, Consents.Channel.WHATSAPP, null);
    }

    /** The address with its phone as E.164, which a chat's order is found by. */
    private static Address withPhone(Address address) {
        String phone = Phones.normalize(address.phone())
                .orElseThrow(() -> ProblemException.invalid(
                        "address.phone", "an international phone number is required, such as +49 30 1234567"));
        return new Address(
                address.name(),
                address.line1(),
                address.line2(),
                address.city(),
                address.postalCode(),
                address.country(),
                phone);
    }
}

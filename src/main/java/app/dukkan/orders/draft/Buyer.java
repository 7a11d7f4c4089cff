package app.dukkan.orders.draft;

import app.dukkan.checkout.Coupons;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.orders.domain.Order;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.Consents;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is checking out: a signed-in user or a guest known by the cart cookie (or a channel's cart),
 * or a browser that opened a payment link, which owns that link's draft ({@code grantedDraft}) and
 * nothing else; the client address the request came from, and the channel its consent is recorded
 * for (the JSON API, the shop's pages or a chat), and the language the buyer checks out in (a page's,
 * or what an API client accepts), which a guest's order mails speak; none where nothing is asked.
 */
record Buyer(
        @Nullable AuthenticatedUser user,
        @Nullable UUID cartId,
        @Nullable UUID grantedDraft,
        String client,
        Consents.Channel channel,
        @Nullable Locale language) {

    /** A browser that holds the grant of a payment link: the draft's guest, whoever is signed in. */
    static Buyer granted(UUID draftId, HttpServletRequest request) {
        return new Buyer(null, null, draftId, Drafts.client(request), Consents.Channel.WEB, Drafts.language(request));
    }

    /** Drafts of others are not found rather than forbidden: their ids say nothing. */
    Order requireOwns(Order order) {
        if (!owns(order)) {
            throw ProblemException.notFound("order draft", order.id());
        }
        return order;
    }

    boolean owns(Order order) {
        if (order.id().equals(grantedDraft)) {
            return true;
        }
        return order.customerId() != null
                ? user != null && user.id().value().equals(order.customerId())
                : cartId != null && cartId.equals(order.cartId());
    }

    /** Who uses a coupon: the account's email when signed in, else the email the guest gave. */
    String customerKey(String email) {
        return Coupons.customerKey(user == null ? email : user.email());
    }
}

package app.dukkan.orders.draft;

import app.dukkan.checkout.Coupons;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.orders.domain.Order;
import app.dukkan.platform.ProblemException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is checking out: a signed-in user or a guest known by the cart cookie, the client address
 * the request came from and whether it came through the JSON API or the shop's pages.
 */
record Buyer(@Nullable AuthenticatedUser user, @Nullable UUID cartId, String client, boolean api) {

    /** Drafts of others are not found rather than forbidden: their ids say nothing. */
    Order requireOwns(Order order) {
        if (!owns(order)) {
            throw ProblemException.notFound("order draft", order.id());
        }
        return order;
    }

    boolean owns(Order order) {
        return order.customerId() != null
                ? user != null && user.id().value().equals(order.customerId())
                : cartId != null && cartId.equals(order.cartId());
    }

    /** Who uses a coupon: the account's email when signed in, else the email the guest gave. */
    String customerKey(String email) {
        return Coupons.customerKey(user == null ? email : user.email());
    }
}

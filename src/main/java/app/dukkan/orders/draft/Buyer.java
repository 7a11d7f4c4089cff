package app.dukkan.orders.draft;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.orders.domain.Order;
import app.dukkan.platform.ProblemException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Who is checking out: a signed-in user or a guest known by the cart cookie. */
record Buyer(@Nullable AuthenticatedUser user, @Nullable UUID cartId) {

    /** Drafts of others are not found rather than forbidden: their ids say nothing. */
    Order requireOwns(Order order) {
        boolean owns = order.customerId() != null
                ? user != null && user.id().value().equals(order.customerId())
                : cartId != null && cartId.equals(order.cartId());
        if (!owns) {
            throw ProblemException.notFound("order draft", order.id());
        }
        return order;
    }

    String customerKey(String email) {
        return Order.customerKey(user == null ? null : user.id().value(), email);
    }
}

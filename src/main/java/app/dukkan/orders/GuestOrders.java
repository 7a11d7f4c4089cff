package app.dukkan.orders;

import java.util.Optional;
import java.util.UUID;

/**
 * Orders placed without an account (a guest's on the shop's pages or through the API, a chat's), read
 * by whoever holds the link their mails carry: the order's id signed until {@code
 * dukkan.orders.order-link-ttl} from the mail ({@link app.dukkan.platform.SignedTokens}, purpose
 * {@code order-page}). An account's order has no such link: it is read in the account. The values
 * are {@link CustomerOrders}'.
 */
public interface GuestOrders {

    /** The path of the order's page for its mails, {@code /orders/link/{token}}, without a language prefix. */
    String pagePath(UUID orderId);

    /**
     * The order a link's token names.
     *
     * @throws app.dukkan.platform.ProblemException 404 {@code order-link-invalid} for a token this
     *     shop did not sign for a guest's placed order, 410 {@code order-link-expired} after its expiry
     */
    CustomerOrders.Detail find(String token);

    /**
     * A fresh link to the receipt of the order a link's token names; empty while the receipt is being
     * rendered, and for an order cancelled as it was paid (it has none). Refused as {@link #find}.
     */
    Optional<CustomerOrders.ReceiptLink> receipt(String token);
}

package app.dukkan.orders;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Reads placed orders for other modules; drafts are not visible here. */
public interface OrderDirectory {

    Optional<OrderSummary> find(UUID orderId);

    Optional<OrderSummary> findByNumber(String number);

    /** The language the order was placed in, where it was recorded: a guest's mails speak it. */
    Optional<Locale> language(UUID orderId);

    /**
     * The name of the order's shipping option in {@code language}; the name stored with the order
     * when the shop has no words for it there.
     */
    String shippingName(OrderSummary order, Locale language);
}

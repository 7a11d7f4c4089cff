package app.dukkan.orders;

import java.util.Optional;
import java.util.UUID;

/** Reads placed orders for other modules; drafts are not visible here. */
public interface OrderDirectory {

    Optional<OrderSummary> find(UUID orderId);

    Optional<OrderSummary> findByNumber(String number);
}

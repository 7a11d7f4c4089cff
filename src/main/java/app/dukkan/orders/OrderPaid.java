package app.dukkan.orders;

import app.dukkan.identity.UserId;
import app.dukkan.platform.Money;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An order was paid and its stock taken; {@code customer} is null for a guest. */
public record OrderPaid(
        UUID orderId, String number, @Nullable UserId customer, String email, Money total) {}

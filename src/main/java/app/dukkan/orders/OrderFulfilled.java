package app.dukkan.orders;

import java.util.UUID;

/** An operator shipped the order. */
public record OrderFulfilled(UUID orderId, String number, String email) {}

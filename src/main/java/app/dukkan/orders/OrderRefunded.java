package app.dukkan.orders;

import app.dukkan.platform.Money;
import java.util.UUID;

/**
 * Money of an order went back to the customer: {@code amount} now; {@code full} when all of it;
 * {@code chargeback} when their bank took it back (a lost dispute) rather than the shop refunding it.
 */
public record OrderRefunded(
        UUID orderId, String number, String email, Money amount, boolean full, boolean chargeback) {}

package app.dukkan.payments;

import app.dukkan.platform.Money;
import java.util.UUID;

/**
 * A dispute ended: {@code won} keeps the money with the shop; otherwise {@code amount} went back to
 * the customer through their bank (it is not a refund of the shop's, but the shop has the money no
 * more). {@code returnedTotal} is all that went back to the customer on the payment so far, refunds
 * and lost disputes, as {@link PaymentRefunded#refundedTotal} counts it. {@code status} is the
 * provider's final word ({@code won}, {@code lost}, {@code warning_closed}). Published once per
 * dispute, after its {@link PaymentDisputed}.
 */
public record PaymentDisputeClosed(
        UUID paymentId,
        String reference,
        String disputeId,
        Money amount,
        boolean won,
        String status,
        Money returnedTotal) {}

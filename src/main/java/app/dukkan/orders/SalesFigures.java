package app.dukkan.orders;

import app.dukkan.platform.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Sales as the dashboard shows them, read from counters kept in the transactions that paid,
 * refunded and started orders (ADR 0028), so a window of 30 days costs the same with a thousand
 * orders as with a million. {@code seller} null means the whole shop; a seller's figures are those
 * of its order lines (what they were paid, without shipping) and its share of refunds.
 */
public interface SalesFigures {

    /**
     * One UTC hour: orders paid, what they paid and what was refunded in it (minor units of the
     * shop's currency), and checkouts started (drafts created; the whole shop only, 0 for a seller).
     */
    record Hour(Instant hour, long orders, long paidMinor, long refundedMinor, long checkouts) {}

    /** A recently paid order; {@code total} is the seller's part of it when asked for a seller. */
    record LatestOrder(String number, Instant paidAt, OrderStatus status, Money total) {}

    /** The hours starting from {@code from} (inclusive) to {@code to} (exclusive) that have counts, oldest first. */
    List<Hour> hours(@Nullable UUID seller, Instant from, Instant to);

    /** The last {@code limit} paid orders, newest first (for a seller: those with its products). */
    List<LatestOrder> latest(@Nullable UUID seller, int limit);
}

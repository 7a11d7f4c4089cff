package app.dukkan.loyalty;

import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A customer's points: balance, badge, the next badge and the history of credits and reversals. */
public interface Loyalty {

    /** A badge and the balance from which it is held. */
    record Badge(String code, String name, long threshold) {}

    /** The next badge and the points still missing for it. */
    record NextBadge(String code, String name, long threshold, long pointsToGo) {}

    /**
     * One change of the balance: {@code kind} is {@code credit} (an order was paid), {@code refund}
     * or {@code cancel} (points taken back; {@code points} is negative then).
     */
    record Entry(String kind, long points, long balanceAfter, String orderNumber, Instant createdAt) {}

    record History(List<Entry> items, int page, int size, long total) {}

    record Statement(long balance, Badge badge, @Nullable NextBadge nextBadge, History history) {}

    /** The statement of the user's points, history newest first; an account without points has balance 0. */
    Statement statement(UserId user, int page, int size);
}

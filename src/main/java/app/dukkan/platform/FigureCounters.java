package app.dukkan.platform;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Counters per hour behind the dashboard's figures (ADR 0028): a module adds to its metrics in the
 * transaction of what it counts and reads them back summed per hour. A scope is the whole shop
 * ({@link #SHOP}) or a seller. Hours are UTC hours; amounts are minor units of the shop's currency.
 */
public interface FigureCounters {

    /** The scope of the whole shop. */
    UUID SHOP = new UUID(0, 0);

    /** Adds {@code count} and {@code amount} to the metric of the scope in the hour of {@code at}. */
    record Increment(UUID scope, String metric, Instant at, long count, long amount) {}

    /** One hour of a metric: {@code hour} is the start of the UTC hour. */
    record Hour(String metric, Instant hour, long count, long amount) {}

    /**
     * Adds the increments in the caller's transaction (one statement; rows are taken in a fixed
     * order, so two writers never deadlock).
     */
    void add(Collection<Increment> increments);

    /**
     * The metrics of the scope per hour, for the hours starting from {@code from} (inclusive) to {@code to} (exclusive), oldest
     * first; hours without counts are absent.
     */
    List<Hour> hours(UUID scope, Collection<String> metrics, Instant from, Instant to);
}

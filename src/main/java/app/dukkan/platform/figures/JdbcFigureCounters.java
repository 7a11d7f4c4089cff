package app.dukkan.platform.figures;

import app.dukkan.platform.FigureCounters;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Upserts into {@code figure_counters}. Each call writes one of {@link #SLOTS} slots, chosen at
 * random, so concurrent transactions counting the same metric in the same hour mostly lock different
 * rows; the rows of one call are written sorted by key, so two calls never wait for each other in
 * opposite orders.
 */
@Component
class JdbcFigureCounters implements FigureCounters {

    static final int SLOTS = 8;

    private record Key(UUID scope, String metric, Instant hour) {}

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::scope).thenComparing(Key::metric).thenComparing(Key::hour);

    private final JdbcClient jdbc;

    JdbcFigureCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Collection<Increment> increments) {
        Map<Key, long[]> sums = new LinkedHashMap<>();
        for (Increment increment : increments) {
            if (increment.count() == 0 && increment.amount() == 0) {
                continue;
            }
            Key key = new Key(
                    increment.scope(), increment.metric(), increment.at().truncatedTo(ChronoUnit.HOURS));
            long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
            sum[0] += increment.count();
            sum[1] += increment.amount();
        }
        if (sums.isEmpty()) {
            return;
        }
        List<Key> keys = sums.keySet().stream().sorted(ORDER).toList();
        UUID[] scopes = new UUID[keys.size()];
        String[] metrics = new String[keys.size()];
        Long[] hours = new Long[keys.size()];
        Long[] counts = new Long[keys.size()];
        Long[] amounts = new Long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            scopes[i] = key.scope();
            metrics[i] = key.metric();
            hours[i] = key.hour().getEpochSecond();
            counts[i] = sums.get(key)[0];
            amounts[i] = sums.get(key)[1];
        }
        jdbc.sql("""
                        insert into figure_counters (scope, metric, hour, slot, count, amount)
                        select scope, metric, to_timestamp(hour), ?, count, amount
                        from unnest(?::uuid[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
                                 with ordinality as i (scope, metric, hour, count, amount, n)
                        order by n
                        on conflict (scope, metric, hour, slot) do update
                            set count = figure_counters.count + excluded.count,
                                amount = figure_counters.amount + excluded.amount""")
                .params(ThreadLocalRandom.current().nextInt(SLOTS), scopes, metrics, hours, counts, amounts)
                .update();
    }

    /**
     * Folds the slots of every hour that ended before {@code before} into slot 0 (one statement, so
     * a reader sees the sums before or after, never half of them): writers only add to the current
     * hour, so a read of 30 days sums one row per metric and hour instead of up to {@link #SLOTS}. A
     * late write to a folded hour lands in a slot again and is folded next time.
     *
     * @return the rows written to slot 0
     */
    int compact(Instant before) {
        return jdbc.sql("""
                        with folded as (
                            delete from figure_counters
                            where hour < ? and slot > 0
                            returning scope, metric, hour, count, amount)
                        insert into figure_counters (scope, metric, hour, slot, count, amount)
                        select scope, metric, hour, 0, sum(count), sum(amount)
                        from folded
                        group by scope, metric, hour
                        order by scope, metric, hour
                        on conflict (scope, metric, hour, slot) do update
                            set count = figure_counters.count + excluded.count,
                                amount = figure_counters.amount + excluded.amount""")
                .param(Timestamp.from(before.truncatedTo(ChronoUnit.HOURS)))
                .update();
    }

    @Override
    public List<Hour> hours(UUID scope, Collection<String> metrics, Instant from, Instant to) {
        return jdbc.sql("""
                        select metric, hour, sum(count) as count, sum(amount) as amount
                        from figure_counters
                        where scope = ? and metric = any(?) and hour >= ? and hour < ?
                        group by metric, hour
                        order by hour, metric""")
                .params(scope, metrics.toArray(String[]::new), Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new Hour(
                        rs.getString("metric"),
                        rs.getTimestamp("hour").toInstant(),
                        rs.getLong("count"),
                        rs.getLong("amount")))
                .list();
    }
}

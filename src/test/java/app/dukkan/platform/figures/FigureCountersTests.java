package app.dukkan.platform.figures;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.FigureCounters;
import app.dukkan.platform.FigureCounters.Increment;
import app.dukkan.testing.DukkanTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The counters' upsert and the folding of past hours' slots. */
@DukkanTest
class FigureCountersTests {

    @Autowired
    JdbcFigureCounters counters;

    @Autowired
    JdbcClient jdbc;

    private long rows(UUID scope) {
        return jdbc.sql("select count(*) from figure_counters where scope = ?")
                .param(scope)
                .query(Long.class)
                .single();
    }

    @Test
    void foldingPastHoursKeepsTheSumsInOneRowPerHour() {
        UUID scope = UUID.randomUUID();
        Instant past = Instant.parse("2026-05-01T08:20:00Z");
        Instant current = Instant.parse("2026-05-01T11:05:00Z");
        for (int i = 0; i < 60; i++) {
            counters.add(List.of(
                    new Increment(scope, "orders.paid", past, 1, 10),
                    new Increment(scope, "orders.paid", current, 1, 5),
                    new Increment(scope, "catalog.views", past, 3, 0)));
        }
        assertThat(rows(scope)).isGreaterThan(3);

        counters.compact(Instant.parse("2026-05-01T10:30:00Z"));

        List<FigureCounters.Hour> hours = counters.hours(
                scope, List.of("orders.paid", "catalog.views"), past.minusSeconds(7200), current.plusSeconds(3600));
        assertThat(hours)
                .containsExactly(
                        new FigureCounters.Hour("catalog.views", Instant.parse("2026-05-01T08:00:00Z"), 180, 0),
                        new FigureCounters.Hour("orders.paid", Instant.parse("2026-05-01T08:00:00Z"), 60, 600),
                        new FigureCounters.Hour("orders.paid", Instant.parse("2026-05-01T11:00:00Z"), 60, 300));
        // the past hour is one row per metric; the current hour keeps its slots
        assertThat(jdbc.sql("select count(*) from figure_counters where scope = ? and hour < ?")
                        .params(scope, java.sql.Timestamp.from(Instant.parse("2026-05-01T10:00:00Z")))
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(rows(scope)).isGreaterThan(3);

        // a late write to a folded hour is folded the next time
        counters.add(List.of(new Increment(scope, "orders.paid", past, 1, 10)));
        counters.compact(Instant.parse("2026-05-01T10:30:00Z"));
        assertThat(counters.hours(scope, List.of("orders.paid"), past.minusSeconds(3600), past.plusSeconds(3600))
                        .get(0))
                .isEqualTo(new FigureCounters.Hour("orders.paid", Instant.parse("2026-05-01T08:00:00Z"), 61, 610));
    }

    @Test
    void incrementsOfNothingWriteNothing() {
        UUID scope = UUID.randomUUID();
        counters.add(List.of(new Increment(scope, "orders.paid", Instant.now(), 0, 0)));
        counters.add(List.of());
        assertThat(rows(scope)).isZero();
    }
}

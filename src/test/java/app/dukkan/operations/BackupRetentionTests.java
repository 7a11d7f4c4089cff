package app.dukkan.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which backups the retention keeps: the newest per day for 7 days, the newest per week for 4. */
class BackupRetentionTests {

    private final BackupRetention retention = new BackupRetention(7, 4);

    @Test
    void keepsTheNewestOfEachOfTheLastSevenDaysAndFourWeeks() {
        // two backups a day for 60 days, the last on Sunday 2026-12-06
        List<Instant> backups = new ArrayList<>();
        Instant last = Instant.parse("2026-12-06T23:00:00Z");
        for (int day = 0; day < 60; day++) {
            backups.add(last.minusSeconds(day * 86_400L));
            backups.add(last.minusSeconds(day * 86_400L + 12 * 3600));
        }
        List<Instant> expired = retention.expired(backups, time -> time);
        List<Instant> kept =
                backups.stream().filter(b -> !expired.contains(b)).sorted().toList();
        assertThat(kept)
                .containsExactly(
                        // the newest of weeks 46, 47 and 48 (Sundays); week 49's newest is also a day's
                        Instant.parse("2026-11-15T23:00:00Z"),
                        Instant.parse("2026-11-22T23:00:00Z"),
                        Instant.parse("2026-11-29T23:00:00Z"),
                        Instant.parse("2026-11-30T23:00:00Z"),
                        Instant.parse("2026-12-01T23:00:00Z"),
                        Instant.parse("2026-12-02T23:00:00Z"),
                        Instant.parse("2026-12-03T23:00:00Z"),
                        Instant.parse("2026-12-04T23:00:00Z"),
                        Instant.parse("2026-12-05T23:00:00Z"),
                        Instant.parse("2026-12-06T23:00:00Z"));
    }

    @Test
    void fewBackupsAreAllKeptAndDaysWithoutBackupsDoNotCount() {
        List<Instant> backups = List.of(
                Instant.parse("2026-01-01T01:00:00Z"),
                Instant.parse("2026-03-01T01:00:00Z"),
                Instant.parse("2026-12-06T01:00:00Z"));
        assertThat(retention.expired(backups, time -> time)).isEmpty();
    }

    @Test
    void refusesToKeepNothing() {
        assertThatThrownBy(() -> new BackupRetention(0, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesCarryTheTimeAndVersionInLowerCase() {
        String name = BackupNames.name(Instant.parse("2026-12-06T05:30:07Z"), "1.4.0-SNAPSHOT+build/7");
        assertThat(name).isEqualTo("dukkan-20261206t053007z-1.4.0-snapshot-build-7.dump.enc");
        assertThat(BackupNames.time(name)).hasValue(Instant.parse("2026-12-06T05:30:07Z"));
        assertThat(BackupNames.time("dukkan-2026.dump.enc")).isEmpty();
        assertThat(BackupNames.names(List.of(
                        "private/backups/" + name,
                        "private/backups/notes.txt",
                        "private/backups/dukkan-20251206t053007z-1.dump.enc")))
                .containsExactly("dukkan-20251206t053007z-1.dump.enc", name);
    }
}

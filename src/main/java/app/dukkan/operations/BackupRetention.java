package app.dukkan.operations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which backups to keep: the newest of each of the last {@code daily} days that have one and the
 * newest of each of the last {@code weekly} ISO weeks that have one (UTC), the rest go.
 */
record BackupRetention(int daily, int weekly) {

    BackupRetention {
        if (daily < 1 || weekly < 0) {
            throw new IllegalArgumentException("Backup retention keeps at least one daily backup");
        }
    }

    /** The names to delete among the named backups and their times. */
    <T> List<T> expired(List<T> backups, Function<T, Instant> time) {
        List<T> newestFirst =
                backups.stream().sorted(Comparator.comparing(time).reversed()).toList();
        Set<T> keep = new LinkedHashSet<>();
        keep.addAll(newestPer(newestFirst, b -> day(time.apply(b)), daily));
        keep.addAll(newestPer(newestFirst, b -> week(time.apply(b)), weekly));
        return newestFirst.stream().filter(b -> !keep.contains(b)).toList();
    }

    private static <T> List<T> newestPer(List<T> newestFirst, Function<T, Object> period, int count) {
        Set<Object> periods = new LinkedHashSet<>();
        // newest first: the first backup of each period is its newest
        return newestFirst.stream()
                .filter(b -> periods.size() < count && periods.add(period.apply(b)))
                .toList();
    }

    private static LocalDate day(Instant time) {
        return time.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String week(Instant time) {
        LocalDate day = day(time);
        return day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }
}

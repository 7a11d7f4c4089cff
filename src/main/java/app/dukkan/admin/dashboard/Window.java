package app.dukkan.admin.dashboard;

import app.dukkan.platform.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What the figures cover: today by the hour, or the last 7 or 30 days (today included) by the day. */
enum Window {
    TODAY("today", 1),
    WEEK("7d", 7),
    MONTH("30d", 30);

    private final String code;
    private final int days;

    Window(String code, int days) {
        this.code = code;
        this.days = days;
    }

    String code() {
        return code;
    }

    boolean hourly() {
        return this == TODAY;
    }

    int days() {
        return days;
    }

    /** The first instant of the window: midnight in {@code zone}, {@code days - 1} days before today. */
    Instant from(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return today.minusDays(days - 1L).atStartOfDay(zone).toInstant();
    }

    /** The end of today in {@code zone} (exclusive). */
    Instant to(Instant now, ZoneId zone) {
        ZonedDateTime tomorrow = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone);
        return tomorrow.toInstant();
    }

    /** The window of a code, or empty for an unknown one. */
    static java.util.Optional<Window> of(@Nullable String code) {
        if (code == null) {
            return java.util.Optional.empty();
        }
        String wanted = code.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(w -> w.code.equals(wanted)).findFirst();
    }

    /** For an API parameter: 400 {@code validation} naming the codes for an unknown one. */
    static Window parse(@Nullable String code) {
        if (code == null || code.isBlank()) {
            return TODAY;
        }
        return of(code).orElseThrow(() -> ProblemException.invalid("window", "one of today, 7d, 30d"));
    }
}

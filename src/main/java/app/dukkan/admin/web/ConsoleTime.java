package app.dukkan.admin.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Times in the console, as the bean {@code consoleTime}: in UTC with the zone written out, the same
 * for every operator wherever they are, so that what one reads matches the logs another reads.
 */
@Component("consoleTime")
public class ConsoleTime {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public String format(@Nullable Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    /**
     * Whether a date typed into a console form is one the shop works with: in the years 1970 to 9999.
     * Further out, the database's timestamps overflow and the answer would be a 500.
     */
    public static boolean plausible(LocalDate date) {
        return date.getYear() >= 1970 && date.getYear() <= 9999;
    }
}

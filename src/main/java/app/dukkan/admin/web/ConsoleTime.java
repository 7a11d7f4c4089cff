package app.dukkan.admin.web;

import java.time.Instant;
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
}

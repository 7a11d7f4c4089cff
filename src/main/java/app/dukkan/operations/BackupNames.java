package app.dukkan.operations;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where backups are kept in the file store and how they are named: by time (UTC, to the second)
 * and the version that made them, under the private prefix, so no public URL ever serves them.
 */
final class BackupNames {

    static final String PREFIX = "private/backups/";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("dukkan-(\\d{8}t\\d{6}z)-([a-z0-9._-]{1,60})\\.dump\\.enc");

    private BackupNames() {}

    static String name(Instant time, String version) {
        // file keys are lower case
        return ("dukkan-" + TIME.format(time) + "-" + version.replaceAll("[^A-Za-z0-9._-]", "-") + ".dump.enc")
                .toLowerCase(Locale.ROOT);
    }

    /** The time a backup's name tells, if it is a backup's name. */
    static Optional<Instant> time(String name) {
        Matcher matcher = NAME.matcher(name);
        return matcher.matches()
                ? Optional.of(TIME.parse(matcher.group(1).toUpperCase(Locale.ROOT), Instant::from))
                : Optional.empty();
    }

    static String key(String name) {
        return PREFIX + name;
    }

    /** The backups among the store's keys under the prefix, oldest first. */
    static List<String> names(List<String> keys) {
        return keys.stream()
                .filter(key -> key.startsWith(PREFIX))
                .map(key -> key.substring(PREFIX.length()))
                .filter(name -> time(name).isPresent())
                .sorted(Comparator.comparing(name -> time(name).orElseThrow()))
                .toList();
    }
}

package app.dukkan.community.profile;

import app.dukkan.platform.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a list ended, as an opaque cursor: the last item's time and id. A cursor that
 * does not parse is a 400 naming {@code cursor}; one that parses but was altered only starts the
 * list elsewhere among what the caller may see anyway.
 */
public final class Cursors {

    /** A position in a list ordered by time, then id, both descending. */
    public record Position(Instant at, UUID id) {}

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private Cursors() {}

    public static String encode(Instant at, UUID id) {
        String text = at.getEpochSecond() + ":" + at.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Position parse(String cursor) {
        try {
            if (cursor.length() > 100) {
                throw new IllegalArgumentException("too long");
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
            int nanos = Integer.parseInt(parts[1]);
            if (nanos < 0 || nanos > 999_999_999) {
                throw new IllegalArgumentException("nanos");
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
            // a time the database's timestamps cannot hold was never handed out
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new IllegalArgumentException("time");
            }
            return new Position(at, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this list handed out");
        }
    }
}

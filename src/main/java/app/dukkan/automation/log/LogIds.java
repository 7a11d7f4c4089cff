package app.dukkan.automation.log;

import app.dukkan.platform.ProblemException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Ids of log lines: UUIDv7 whose millisecond is the line's time, increasing within this process
 * while its clock does (lines written in the same millisecond keep their order), and the opaque cursors that name them.
 */
final class LogIds {

    /** Above every UUID as PostgreSQL orders them: the first page of a newest-first list. */
    static final UUID NEWEST = new UUID(-1L, -1L);

    private static final int CURSOR_LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST = new AtomicLong();

    private LogIds() {}

    /**
     * A new id for a line written at {@code at}: the millisecond in the top 48 bits, then a counter
     * that goes up for lines of the same millisecond (a new millisecond starts it at a random point
     * of its lower half, so ids of several instances still interleave).
     */
    static UUID next(Instant at) {
        long ms = at.toEpochMilli();
        long candidate = (ms << 16) | 0x7000L | RANDOM.nextInt(1 << 11);
        long msb = LAST.accumulateAndGet(candidate, (last, fresh) -> {
            if (fresh >>> 16 != last >>> 16) {
                // a new millisecond (or the clock went back: the id keeps the line's time)
                return fresh;
            }
            // the same millisecond: one more than the last, into the next millisecond when full
            return (last & 0xFFFL) == 0xFFFL ? (((last >>> 16) + 1) << 16) | 0x7000L : last + 1;
        });
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The millisecond an id was made for. */
    static Instant time(UUID id) {
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }

    /** Below every id of a line written at or after {@code at}. */
    static UUID atOrAfter(Instant at) {
        return new UUID(at.toEpochMilli() << 16, 0L);
    }

    /** Above every id of a line written before {@code at}. */
    static UUID before(Instant at) {
        return new UUID((at.toEpochMilli() + 1) << 16, 0L);
    }

    static String cursor(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The id in the cursor, or {@link #NEWEST} for none; 400 {@code invalid-cursor} for anything else. */
    static UUID fromCursor(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return NEWEST;
        }
        if (cursor.length() != CURSOR_LENGTH) {
            throw invalidCursor();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        if (id.version() != 7 || id.variant() != 2 || !cursor(id).equals(cursor)) {
            throw invalidCursor();
        }
        return id;
    }

    private static ProblemException invalidCursor() {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                "invalid-cursor",
                "Invalid cursor",
                "cursor: not a cursor this list handed out; start again without one",
                List.of(new ProblemException.FieldProblem("cursor", "is not a cursor this list handed out")));
    }
}

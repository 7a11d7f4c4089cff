package app.dukkan.community.post;

import app.dukkan.platform.ProblemException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Opaque cursors: the id of the last item of a page, as 22 base64url characters. Strictly parsed:
 * anything but the encoding of a time-ordered (version 7) id is a 400 {@code invalid-cursor}, so a
 * changed cursor can only name another position, never break a query.
 */
final class Cursors {

    /** Above every UUID as PostgreSQL orders them: the first page of a newest-first list. */
    static final UUID NEWEST = new UUID(-1L, -1L);

    /** Below every UUID: the first page of an oldest-first list. */
    static final UUID OLDEST = new UUID(0L, 0L);

    private static final int LENGTH = 22;

    private Cursors() {}

    static String encode(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The id in the cursor, or {@code start} for none. */
    static UUID decode(@Nullable String cursor, UUID start) {
        if (cursor == null || cursor.isEmpty()) {
            return start;
        }
        if (cursor.length() != LENGTH) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        if (id.version() != 7 || id.variant() != 2 || !encode(id).equals(cursor)) {
            throw invalid();
        }
        return id;
    }

    /** The page's size: 1 to {@code max}, else 400. */
    static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ProblemException.invalid("limit", "must be between 1 and " + max);
        }
        return limit;
    }

    /** The next page's cursor when a page of {@code limit} was full, else null. */
    static <T> @Nullable String next(List<T> page, int limit, java.util.function.Function<T, UUID> id) {
        return page.size() < limit ? null : encode(id.apply(page.get(page.size() - 1)));
    }

    private static ProblemException invalid() {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                "invalid-cursor",
                "Invalid cursor",
                "cursor: not a cursor this list handed out; start again without one",
                List.of(new ProblemException.FieldProblem("cursor", "is not a cursor this list handed out")));
    }
}

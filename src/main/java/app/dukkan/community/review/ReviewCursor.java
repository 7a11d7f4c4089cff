package app.dukkan.community.review;

import app.dukkan.community.Reviews.Sort;
import app.dukkan.platform.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a page of reviews ended, as an opaque cursor that names its list (order and stars): a
 * cursor of another list, or one that does not parse, is refused with 400.
 */
record ReviewCursor(String list, int rating, UUID id) {

    /** The list a cursor belongs to: a product's in an order and with stars, or a customer's. */
    static String list(Sort sort, @Nullable Integer stars) {
        return sort.code() + (stars == null ? "" : "-" + stars);
    }

    static final String MINE = "mine";

    String encode() {
        String plain = list + ":" + rating + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position of a cursor handed out for {@code list}; null for none. */
    static @Nullable ReviewCursor parse(@Nullable String cursor, String list) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() > 120) {
                throw new IllegalArgumentException("too long");
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
            int rating = Integer.parseInt(parts[1]);
            if (!parts[0].equals(list) || rating < 0 || rating > 5) {
                throw new IllegalArgumentException("another list");
            }
            return new ReviewCursor(parts[0], rating, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this list handed out");
        }
    }
}

package app.dukkan.community;

import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Product reviews by verified buyers: one per customer and product, rating 1 to 5 with an optional
 * title and a text, screened by moderation on every write. Pages and the JSON API use the same
 * operations; every refusal is a {@link app.dukkan.platform.ProblemException}.
 */
public interface Reviews {

    int MAX_TITLE = 120;
    int MAX_TEXT = 5000;
    int MAX_PAGE_SIZE = 50;

    /** Orders of a product's reviews; all end with the newest first. */
    enum Sort {
        NEWEST,
        HIGHEST,
        LOWEST;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The order named {@code code}; empty for an unknown one. */
        public static Optional<Sort> of(@Nullable String code) {
            for (Sort sort : values()) {
                if (sort.code().equals(code)) {
                    return Optional.of(sort);
                }
            }
            return Optional.empty();
        }
    }

    /** How the author appears next to a review. */
    record Author(
            String handle, String displayName, @Nullable String avatarUrl) {}

    /** The reviewed product as a customer's list of reviews names it. */
    record Product(String slug, String name) {}

    /**
     * A review. Every review is a verified buyer's: nobody else can write one.
     *
     * @param status {@code visible}, or {@code hidden} (shown to its author alone until an operator
     *     restores it)
     * @param product filled in a customer's list of reviews; null in a product's
     * @param editedAt when the author last changed it; null if never
     */
    record Review(
            UUID id,
            UUID productId,
            @Nullable Product product,
            Author author,
            int rating,
            @Nullable String title,
            String text,
            String status,
            boolean verifiedBuyer,
            Instant createdAt,
            @Nullable Instant editedAt) {

        public boolean hidden() {
            return !"visible".equals(status);
        }
    }

    /** One page of reviews; {@code nextCursor} asks for the next, null on the last page. */
    record ReviewPage(List<Review> items, @Nullable String nextCursor) {}

    /**
     * What a customer writes; on an edit a null field keeps what the review has ({@code title}
     * empty removes it).
     */
    record Draft(
            @Nullable Integer rating,
            @Nullable String title,
            @Nullable String text) {}

    RatingSummary summary(UUID productId);

    /**
     * A product's visible reviews; the viewer's own review while it is hidden comes first on the
     * first page.
     *
     * @param stars only reviews with that many stars (1 to 5), or all
     * @param cursor from the previous page, of the same order and stars
     * @throws app.dukkan.platform.ProblemException 400 for a cursor this list did not hand out
     */
    ReviewPage forProduct(
            UUID productId,
            @Nullable Integer stars,
            Sort sort,
            @Nullable String cursor,
            int limit,
            @Nullable UserId viewer);

    /** The customer's own reviews (hidden ones too), newest first, with their products. */
    ReviewPage byAuthor(UserId author, @Nullable String cursor, int limit);

    /** The customer's review of the product, if they have one (hidden ones too). */
    Optional<Review> mine(UserId author, UUID productId);

    /** Whether a customer may write a review of a product, or why not. */
    enum Eligibility {
        /** They bought it in a paid order that still holds a unit. */
        ALLOWED,
        NOT_A_BUYER,
        /** The product is theirs: a seller does not rate their own goods. */
        OWN_PRODUCT,
        /** They deleted their review while moderators had it hidden. */
        WITHDRAWN
    }

    /** Whether the customer may write a review of the product now. */
    Eligibility eligibility(UserId customer, UUID productId);

    /**
     * Writes the customer's review of an active product.
     *
     * @param clientAddress counted against the address's limit, with the customer's
     * @throws app.dukkan.platform.ProblemException 400 for bad input, 403 {@code not-a-buyer} or {@code own-product}, 409
     *     {@code already-reviewed} (with the review's id) or {@code review-withdrawn}, 422 {@code content-refused}, 429
     */
    Review write(UserId author, UUID productId, Draft draft, String clientAddress);

    /** Changes the author's review; it is screened again and keeps {@code editedAt}. 404 for another's. */
    Review edit(UserId author, UUID reviewId, Draft draft, String clientAddress);

    /** Deletes the author's review (kept, soft); it leaves the summary. 404 for another's. */
    void delete(UserId author, UUID reviewId);
}
